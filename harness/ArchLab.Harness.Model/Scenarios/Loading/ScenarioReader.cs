using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace ArchLab.Harness.Model.Scenarios.Loading;

/// <summary>
/// Reads the effective YAML tree (profile and overrides applied) into a <see cref="Scenario"/>, reporting
/// every problem it can find rather than stopping at the first.
/// </summary>
internal static partial class ScenarioReader
{
    public const string RootExpected = "a scenario: a mapping with name, title, claim, watch, arms and optional headline, question, seed, workflow, sweep, load, faults, expect, simulation, capacity, profiles, leftOut";

    public static IReadOnlyList<string> Known { get; } =
        ["name", "title", "claim", "watch", "headline", "question", "seed", "workflow", "sweep", "arms", "load", "faults", "expect", "simulation", "capacity", "profiles", CommandLine.LeftOut];

    /// <param name="fileStem">The file name without <c>.yaml</c> the name must match, or null when not read from a file.</param>
    /// <param name="declaredArms">Every arm of the file before <c>--arms</c>: expectations and the simulation's reasons may still refer to them.</param>
    public static Scenario? Read(YamlMappingNode root, Problems problems, string? fileStem, IReadOnlyList<string> declaredArms)
    {
        var fields = Fields.Of(root, "", problems, Known, RootExpected)!;
        if (fields.Has("profiles"))
        {
            // The file's own profiles were taken out before; these came from --set.
            fields.NotHere("profiles", "cannot be set on the command line; choose a declared profile with --profile");
        }

        var name = ReadName(fields, fileStem);
        var title = fields.Text("title", required: true, oneLine: true);
        var claim = fields.Text("claim", required: true);
        var watch = fields.Text("watch", required: true);
        var seed = fields.Integer("seed", int.MinValue);
        var workflow = WorkflowReader.Read(fields.Value("workflow"), problems);
        var sweep = SweepReader.Read(fields, problems);
        var arms = ArmsReader.Read(fields, problems);
        var load = LoadReader.Read(fields.Value("load"), problems, out var duration);
        var faults = FaultsReader.Read(fields.Value("faults"), duration, problems);
        TransportRules.Check(arms, fields, problems);
        var expect = ExpectReader.Read(fields.Value("expect"), ArmsReader.Names(fields.Value("arms")), declaredArms, problems);
        var simulation = SimulationReader.Read(fields.Value("simulation"), declaredArms, problems);
        var capacity = CapacityReader.Read(fields, problems);
        var headline = LessonReader.ReadHeadline(fields, declaredArms);
        var question = LessonReader.ReadQuestion(fields);
        CheckLeftOut(fields.Value(CommandLine.LeftOut), arms, problems);
        if (problems.Any || name is null || title is null || claim is null || watch is null)
        {
            return null;
        }

        return new Scenario
        {
            Name = name,
            Title = title,
            Claim = claim,
            Watch = watch,
            Seed = seed ?? Scenario.DefaultSeed,
            Workflow = workflow,
            Sweep = sweep,
            Arms = arms,
            Load = load,
            Faults = faults,
            Expect = expect,
            Simulation = simulation,
            Capacity = capacity,
            Headline = headline,
            Question = question,
        };
    }

    /// <summary><c>leftOut</c>, which <c>--arms</c> writes: a list of arm names, none of them an arm of the file.</summary>
    private static void CheckLeftOut(YamlNode? node, IReadOnlyList<ArmSpec> arms, Problems problems)
    {
        if (node is null)
        {
            return;
        }

        const string expected = "a list of the arm names a run left out with --arms";
        if (node is not YamlSequenceNode names)
        {
            problems.At(node, CommandLine.LeftOut, $"expected {expected}, got {Nodes.Describe(node)}");
            return;
        }

        foreach (var item in names.Children)
        {
            if (item is not YamlScalarNode { Value: { } name } || !IsName(name))
            {
                problems.At(item, CommandLine.LeftOut, $"expected {expected}, got {Nodes.Describe(item)}");
            }
            else if (arms.Any(a => a.Name == name))
            {
                problems.At(item, CommandLine.LeftOut, $"'{name}' is an arm of this scenario, so it was not left out");
            }
        }
    }

    /// <summary>Names of scenarios, arms and profiles: lowercase letters, digits and dashes.</summary>
    public static bool IsName(string text) => NamePattern().IsMatch(text);

    public static string NameExpected(string text) =>
        $"expected a name of lowercase letters, digits and dashes ([a-z0-9-]+), got {Units.Quote(text)}";

    private static string? ReadName(Fields fields, string? fileStem)
    {
        var name = fields.Text("name", required: true, oneLine: true);
        if (name is null)
        {
            return null;
        }

        var node = fields.Value("name")!;
        if (!IsName(name))
        {
            fields.Problems.At(node, "name", NameExpected(name));
            return null;
        }

        if (fileStem is not null && name != fileStem)
        {
            fields.Problems.At(node, "name", $"expected the file name without .yaml, '{fileStem}', got '{name}'");
            return null;
        }

        return name;
    }

    [GeneratedRegex("^[a-z0-9-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();
}
