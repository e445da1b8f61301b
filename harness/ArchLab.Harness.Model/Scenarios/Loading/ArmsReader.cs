using ArchLab.Contracts.Workflow;
using ArchLab.Harness.Model.Expectations;
using YamlDotNet.RepresentationModel;

namespace ArchLab.Harness.Model.Scenarios.Loading;

/// <summary>
/// Reads <c>arms:</c>, a mapping of arm name to style and options, in file order. The options of one style
/// are read by <see cref="RestArmReader"/>, <see cref="JetStreamArmReader"/>, <see cref="InProcArmReader"/> and
/// <see cref="RabbitArmReader"/>; an option of another style is an error that says which styles it is for, and why
/// this arm's style has none where it says so (<see cref="Refusals"/>).
/// </summary>
internal static class ArmsReader
{
    // The styles whose edge can wait for the steps, and so bounds the wait with the arm's timeout (inproc: with answer: completion).
    private static readonly string[] Synchronous = [Styles.Rest, Styles.Grpc, Styles.NatsRequest, Styles.InProc];

    // The styles whose edge calls each fan-out receiver itself (inproc's bus writes to every receiver's channel).
    private static readonly string[] CallsReceivers = [.. Styles.All.Where(Styles.CallsEachReceiver)];

    // Each option and the styles it applies to; style and ledger apply to all.
    private static readonly (string[] Options, string[] Styles)[] OptionStyles =
    [
        (["timeout"], Synchronous),
        (["fanOut"], CallsReceivers),
        (RestArmReader.Options, [Styles.Rest]),
        (JetStreamArmReader.Options, [Styles.JetStream]),
        (InProcArmReader.Options, [Styles.InProc]),
        (RabbitArmReader.Options, [Styles.RabbitMq]),
        (["nodes"], [.. Styles.All.Where(Styles.NeedsBroker)]),
    ];

    // Each option once (several styles share some names, such as maxAge), with every style it applies to, in Styles.All order.
    private static readonly (string Option, string[] Styles)[] StylesOfOption =
    [
        .. OptionStyles.SelectMany(o => o.Options).Distinct()
            .Select(option => (option, Styles.All.Where(s => OptionStyles.Any(o => o.Options.Contains(option) && o.Styles.Contains(s))).ToArray())),
    ];

    // Why a style refuses an option of another style, where more can be said than "this arm's style is ...".
    private static readonly Dictionary<string, IReadOnlyDictionary<string, string>> Refusals = new(StringComparer.Ordinal)
    {
        [Styles.RabbitMq] = RabbitArmReader.Refused,
    };

    private static readonly string[] FanOutModes = ["sequential", "parallel"];

    private static readonly string[] TracingModes = ["off", "on", "unpropagated"];

    private static readonly string[] Known = ["style", "ledger", "steps", "tracing", "devices", .. StylesOfOption.Select(o => o.Option), .. TransportArmReader.Options];

    // An arm called like a metric, or like the first part of one, would make 'accept.p99' ambiguous.
    private static readonly HashSet<string> Reserved =
        new(MetricNames.Ordered.Concat(MetricNames.Ordered.Select(m => m.Split('.')[0])), StringComparer.Ordinal);

    public static IReadOnlyList<ArmSpec> Read(Fields scenario, Problems problems)
    {
        var node = scenario.Required("arms");
        var arms = new List<ArmSpec>();
        if (node is null)
        {
            return new ValueList<ArmSpec>(arms);
        }

        if (Nodes.IsNull(node) || node is YamlMappingNode { Children.Count: 0 })
        {
            problems.At(node, "arms", "expected at least one arm, such as rest: { style: rest }");
            return new ValueList<ArmSpec>(arms);
        }

        if (node is not YamlMappingNode mapping)
        {
            problems.At(node, "arms", $"expected a mapping of arm name to options, got {Nodes.Describe(node)}");
            return new ValueList<ArmSpec>(arms);
        }

        foreach (var (key, value) in mapping.Children)
        {
            var name = Nodes.Scalar(key, "arms", "an arm name", problems);
            if (name is not null && IsValidName(key, name, problems) && ReadArm(name, value, scenario.Value("load"), problems) is { } arm)
            {
                arms.Add(arm);
            }
        }

        return new ValueList<ArmSpec>(arms);
    }

    /// <summary>The well-formed arm names of an <c>arms:</c> node, whether or not their options are valid.</summary>
    public static IReadOnlyList<string> Names(YamlNode? node) =>
        node is YamlMappingNode mapping
            ? mapping.Children.Keys.OfType<YamlScalarNode>().Select(k => k.Value ?? "").Where(ScenarioReader.IsName).ToList()
            : [];

    private static bool IsValidName(YamlNode key, string name, Problems problems)
    {
        var path = Nodes.Child("arms", name);
        if (!ScenarioReader.IsName(name))
        {
            problems.At(key, path, ScenarioReader.NameExpected(name));
            return false;
        }

        if (Reserved.Contains(name))
        {
            problems.At(key, path, $"arm name '{name}' is also a metric name (or its first part), which would make expectations ambiguous; pick another name");
            return false;
        }

        return true;
    }

    private static ArmSpec? ReadArm(string name, YamlNode node, YamlNode? scenarioLoad, Problems problems)
    {
        var path = Nodes.Child("arms", name);
        var fields = Fields.Of(node, path, problems, Known, "arm options such as { style: rest } or { transport: http }");
        if (fields?.Has("transport") == true)
        {
            return TransportArmReader.Read(name, fields, scenarioLoad);
        }

        var style = fields?.Choice("style", Styles.All, required: true);
        if (fields is null || style is null)
        {
            return null;
        }

        foreach (var option in TransportArmReader.Options.Where(fields.Has))
        {
            fields.NotHere(option, "is only for transport arms ({ transport: http }); this arm has a style");
        }

        foreach (var (option, styles) in StylesOfOption.Where(o => !o.Styles.Contains(style) && fields.Has(o.Option)))
        {
            var only = styles.Length == 1 ? $"style {styles[0]}" : $"styles {string.Join(", ", styles[..^1])} and {styles[^1]}";
            var why = Refusals.GetValueOrDefault(style)?.GetValueOrDefault(option) ?? $"this arm's style is {style}";
            fields.NotHere(option, $"is only for {only}; {why}");
        }

        var arm = new ArmSpec(name, style)
        {
            Ledger = fields.Boolean("ledger") ?? true,
            Tracing = fields.Choice("tracing", TracingModes) switch
            {
                "on" => TracingMode.On,
                "unpropagated" => TracingMode.Unpropagated,
                _ => TracingMode.Off,
            },
            Steps = fields.Has("steps") ? WorkflowReader.ReadSteps(fields.Value("steps"), fields.PathOf("steps"), problems) : null,
            Devices = DevicesReader.Read(fields, style),
            Nodes = ReadNodes(fields),
        };
        if (Synchronous.Contains(style))
        {
            // Polly's timeouts are at least 10ms; the edge of every synchronous style applies the same bound.
            arm = arm with
            {
                CallTimeout = fields.Duration("timeout", PollyMinimum, "the shortest timeout Polly applies") ?? arm.CallTimeout,
                FanOut = fields.Choice("fanOut", FanOutModes) == "parallel" ? FanOutMode.Parallel : FanOutMode.Sequential,
            };
        }

        return style switch
        {
            Styles.Rest => arm with { Resilience = RestArmReader.Read(fields) },
            Styles.JetStream => arm with { JetStream = JetStreamArmReader.Read(fields, arm.Nodes) },
            Styles.InProc => arm with { InProc = InProcArmReader.Read(fields) },
            Styles.RabbitMq => arm with { RabbitMq = RabbitArmReader.Read(fields) },
            _ => arm,
        };
    }

    /// <summary>Most broker nodes one arm starts on one machine.</summary>
    public const int MaxNodes = 5;

    private static int ReadNodes(Fields fields)
    {
        var nodes = fields.Integer("nodes", min: 1) ?? 1;
        if (nodes > MaxNodes)
        {
            fields.Wrong("nodes", $"expected at most {MaxNodes} broker nodes on one machine, got {nodes}");
            return 1;
        }

        return nodes;
    }

    /// <summary>The shortest timeout a Polly timeout strategy accepts.</summary>
    internal static TimeSpan PollyMinimum { get; } = TimeSpan.FromMilliseconds(10);
}
