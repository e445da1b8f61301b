using ArchLab.Contracts.Workflow;
using YamlDotNet.RepresentationModel;

namespace ArchLab.Harness.Model.Scenarios.Loading;

/// <summary>
/// Reads <c>faults:</c>, a list of timed faults. Each has <c>at</c>, optional <c>for</c> and exactly one
/// family key saying what it does: kill, stop or pause (a process), burst (the load), step (the
/// application), link (the network, see <see cref="LinkFaultReader"/>), partition (a broker node cut off from the
/// others) or power-loss (a broker node's power, its store on the lazy filesystem). A broker node is <c>broker.2</c>, or <c>broker.leader</c>: the leader of the orders stream when the fault starts.
/// </summary>
internal static class FaultsReader
{
    private static readonly string[] ProcessFamilies = ["kill", "stop", "pause"];
    private static readonly string[] Families = [.. ProcessFamilies, "burst", "step", "link", "partition", "power-loss"];
    private static readonly string[] Timing = ["at", "for"];
    private static readonly string[] ProcessKnown = ["restart"];
    private static readonly string[] StepKnown = ["errorRate", "slowdown", "poison", "crash"];
    private static readonly string[] ProcessTargets = [.. Roles.All, "broker", BrokerNodes.Leader];
    private static readonly string[] Crashes = ["after-effect"];

    private static readonly string[] Known =
        [.. Timing, .. Families, .. ProcessKnown, .. StepKnown, .. LinkFaultReader.Known];

    /// <param name="duration">The measured window every fault must start in; null when unknown.</param>
    public static IReadOnlyList<FaultSpec> Read(YamlNode? node, TimeSpan? duration, Problems problems)
    {
        var faults = new List<FaultSpec>();
        if (Nodes.IsNull(node))
        {
            return new ValueList<FaultSpec>(faults);
        }

        if (node is not YamlSequenceNode list)
        {
            problems.At(node!, "faults", $"expected a list of faults such as - {{ at: 4s, for: 4s, kill: payment }}, got {Nodes.Describe(node!)}");
            return new ValueList<FaultSpec>(faults);
        }

        var read = new List<(FaultSpec Fault, YamlNode Node, string Path)>();
        for (var i = 0; i < list.Children.Count; i++)
        {
            if (ReadFault(list.Children[i], Nodes.Item("faults", i), duration, problems) is { } fault)
            {
                faults.Add(fault);
                read.Add((fault, list.Children[i], Nodes.Item("faults", i)));
            }
        }

        CheckOverlaps(read, problems);
        return new ValueList<FaultSpec>(faults);
    }

    /// <summary>
    /// One target takes one fault at a time: a role killed while paused, or slowed while restarting, has no
    /// clear meaning (and a restart clears a step's faults), so overlapping windows on a target are refused.
    /// </summary>
    private static void CheckOverlaps(List<(FaultSpec Fault, YamlNode Node, string Path)> faults, Problems problems)
    {
        for (var later = 1; later < faults.Count; later++)
        {
            for (var earlier = 0; earlier < later; earlier++)
            {
                var (a, b) = (faults[earlier].Fault, faults[later].Fault);
                if (a.Target == b.Target && a.At < End(b) && b.At < End(a))
                {
                    problems.At(faults[later].Node, faults[later].Path,
                        $"overlaps {faults[earlier].Path} on {b.Target} ({Window(a)}); one target takes one fault at a time");
                    break;
                }
            }
        }
    }

    private static TimeSpan End(FaultSpec fault) => fault.For is { } length ? fault.At + length : TimeSpan.MaxValue;

    private static string Window(FaultSpec fault) =>
        fault.For is { } length ? $"{Durations.Format(fault.At)} to {Durations.Format(fault.At + length)}" : $"from {Durations.Format(fault.At)} on";

    private static FaultSpec? ReadFault(YamlNode node, string path, TimeSpan? duration, Problems problems)
    {
        var fields = Fields.Of(node, path, problems, Known, "a fault mapping such as { at: 4s, for: 4s, kill: payment }");
        if (fields is null || Family(fields) is not { } family)
        {
            return null;
        }

        string[] own = family switch
        {
            "kill" or "stop" => [.. Timing, family, .. ProcessKnown],
            "step" => [.. Timing, family, .. StepKnown],
            "link" => [.. Timing, family, .. LinkFaultReader.Known],
            _ => [.. Timing, family],
        };
        foreach (var name in fields.Names.Where(n => !own.Contains(n)))
        {
            fields.NotHere(name, $"does not apply to a {family} fault; its fields are: {string.Join(", ", own)}");
        }

        var at = fields.Required("at") is null ? null : fields.Duration("at");
        if (at >= duration && duration is { } end)
        {
            problems.At(fields.Value("at")!, fields.PathOf("at"),
                $"expected a time before the end of the measured window (load.duration: {Durations.Format(end)}), got {Nodes.Describe(fields.Value("at")!)}");
            at = null;
        }

        var length = fields.Duration("for", positive: true);
        return family switch
        {
            "burst" => fields.Factor("burst") is { } factor && at is { } start ? new BurstFault(start, length, factor) : null,
            "partition" => ReadPartition(fields, at, length),
            "power-loss" => ReadPowerLoss(fields, at, length),
            "step" => ReadStep(fields, at, length),
            "link" => LinkFaultReader.Read(fields, at, length),
            _ => ReadProcess(fields, family, at, length),
        };
    }

    // The one family key of a fault; reports none or several.
    private static string? Family(Fields fields)
    {
        var present = Families.Where(fields.Has).ToList();
        if (present.Count == 0)
        {
            fields.Problems.At(fields.Node, fields.Path,
                $"expected one of {string.Join(", ", Families)} to say what the fault does");
            return null;
        }

        foreach (var extra in present.Skip(1))
        {
            fields.NotHere(extra, $"cannot be combined with '{present[0]}': a fault has exactly one of {string.Join(", ", Families)}; write two faults");
        }

        return present.Count == 1 ? present[0] : null;
    }

    private static ProcessFault? ReadProcess(Fields fields, string family, TimeSpan? at, TimeSpan? length)
    {
        if (fields.Value(family) is YamlScalarNode { Value: { } named } && named.StartsWith("broker.", StringComparison.Ordinal) && !BrokerNodes.IsNode(named))
        {
            fields.Wrong(family, $"expected a broker node: {BrokerNodes.Leader} (the stream's leader when the fault starts) or broker.1 .. broker.{ArmsReader.MaxNodes}, got '{named}'");
            return null;
        }

        var target = RoleChoice(fields, family, ProcessTargets);
        var restart = fields.Boolean("restart") ?? true;
        var action = family switch
        {
            "kill" => ProcessAction.Kill,
            "stop" => ProcessAction.Stop,
            _ => ProcessAction.Pause,
        };
        return target is not null && at is { } start ? new ProcessFault(start, length, action, target, restart) : null;
    }

    /// <summary>
    /// One of <paramref name="options"/>, or a fan-out receiver (<c>notify.3</c>), which is a role too: whether the arm
    /// has it is checked before the run. The value is peeked at without reporting; <see cref="Fields.Choice"/> reports.
    /// </summary>
    private static string? RoleChoice(Fields fields, string name, IReadOnlyList<string> options) =>
        fields.Value(name) is YamlScalarNode { Value: { } text } && (Roles.ReceiverIndex(text) > 0 || BrokerNodes.IndexOf(text) is not null)
            ? text
            : fields.Choice(name, options);

    private static PartitionFault? ReadPartition(Fields fields, TimeSpan? at, TimeSpan? length)
    {
        var node = fields.Value("partition") is YamlScalarNode { Value: { } text } && (text == BrokerNodes.Leader || BrokerNodes.IndexOf(text) is not null)
            ? text
            : null;
        if (node is null)
        {
            fields.Wrong("partition", $"expected a broker node: {BrokerNodes.Leader} (the stream's leader when the fault starts) or broker.1 .. broker.{ArmsReader.MaxNodes}, got {Nodes.Describe(fields.Value("partition")!)}");
            return null;
        }

        return at is { } start ? new PartitionFault(start, length, node) : null;
    }

    private static PowerLossFault? ReadPowerLoss(Fields fields, TimeSpan? at, TimeSpan? length)
    {
        var node = fields.Value("power-loss") is YamlScalarNode { Value: { } text } && (text is "broker" or BrokerNodes.All || BrokerNodes.IsNode(text))
            ? text
            : null;
        if (node is null)
        {
            fields.Wrong("power-loss", $"expected the broker: broker, broker.1 .. broker.{ArmsReader.MaxNodes}, {BrokerNodes.Leader} or {BrokerNodes.All} (every node at once), got {Nodes.Describe(fields.Value("power-loss")!)}");
            return null;
        }

        return at is { } start ? new PowerLossFault(start, length, node) : null;
    }

    private static StepFault? ReadStep(Fields fields, TimeSpan? at, TimeSpan? length)
    {
        var step = RoleChoice(fields, "step", Roles.All);
        if (!StepKnown.Any(fields.Has))
        {
            fields.Problems.At(fields.Node, fields.Path, $"a step fault needs at least one effect: {string.Join(", ", StepKnown)}");
            return null;
        }

        var errorRate = fields.Fraction("errorRate");
        var slowdown = fields.Factor("slowdown");
        var poison = ReadPoison(fields);
        var crash = fields.Choice("crash", Crashes);
        if (step is null || at is not { } start)
        {
            return null;
        }

        return new StepFault(start, length, step, errorRate ?? 0, slowdown ?? 1, poison, crash is not null);
    }

    private static ValueList<long>? ReadPoison(Fields fields)
    {
        var node = fields.Value("poison");
        if (node is null)
        {
            return null;
        }

        if (node is not YamlSequenceNode list)
        {
            fields.Problems.At(node, fields.PathOf("poison"), $"expected a list of order sequence numbers such as [7, 13], got {Nodes.Describe(node)}");
            return null;
        }

        var ids = new List<long>();
        for (var i = 0; i < list.Children.Count; i++)
        {
            var path = Nodes.Item(fields.PathOf("poison"), i);
            var item = list.Children[i];
            if (Nodes.Scalar(item, path, "a sequence number", fields.Problems) is not { } text)
            {
                continue;
            }

            if (Units.TryParseInteger(text, out var id, out _) && id >= 0)
            {
                ids.Add(id);
            }
            else
            {
                fields.Problems.At(item, path, $"expected a sequence number >= 0, got {Units.Quote(text)}");
            }
        }

        return new ValueList<long>(ids);
    }
}
