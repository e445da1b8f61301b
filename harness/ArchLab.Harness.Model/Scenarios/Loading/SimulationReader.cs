using YamlDotNet.RepresentationModel;

namespace ArchLab.Harness.Model.Scenarios.Loading;

/// <summary>
/// Reads <c>simulation:</c>, what the scenario says about its simulation:
/// <c>{ unmodelled: { accept.p99: "the simulator's transport time is zero", jetstream.lost: "..." } }</c>.
/// </summary>
internal static class SimulationReader
{
    private static readonly string[] Known = ["unmodelled"];

    private const string UnmodelledExpected = "a mapping of figure (accept.p99) or arm.figure (jetstream.accept.p99) to the reason it is not modelled";

    public static SimulationSpec Read(YamlNode? node, IReadOnlyList<string> arms, Problems problems)
    {
        var fields = Fields.Of(node, "simulation", problems, Known, "{ unmodelled: { <figure> or <arm>.<figure>: <reason> } }");
        if (fields?.Value("unmodelled") is not { } unmodelled)
        {
            return SimulationSpec.Default;
        }

        const string path = "simulation.unmodelled";
        if (unmodelled is not YamlMappingNode mapping)
        {
            problems.At(unmodelled, path, $"expected {UnmodelledExpected}, got {Nodes.Describe(unmodelled)}");
            return SimulationSpec.Default;
        }

        var reasons = new List<KeyValuePair<string, string>>();
        foreach (var (key, value) in mapping.Children)
        {
            if (Nodes.Scalar(key, path, "a figure such as accept.p99, or arm.figure", problems) is not { } text)
            {
                continue;
            }

            var itemPath = Nodes.Child(path, text);
            if (Problem(text, arms) is { } problem)
            {
                problems.At(key, itemPath, problem);
                continue;
            }

            var why = Nodes.Scalar(value, itemPath, "the reason the figure is not modelled", problems);
            if (why is not null && string.IsNullOrWhiteSpace(why))
            {
                problems.At(value, itemPath, "expected the reason the figure is not modelled, got an empty text");
            }
            else if (why is not null)
            {
                reasons.Add(new(text, why.Trim()));
            }
        }

        return new SimulationSpec { Unmodelled = new ValueMap<string>(reasons) };
    }

    /// <summary>What is wrong with a key: neither a figure nor an arm's figure; null when it is one.</summary>
    private static string? Problem(string key, IReadOnlyList<string> arms)
    {
        if (SimulationSpec.Figures.Contains(key))
        {
            return null;
        }

        var dot = key.IndexOf('.', StringComparison.Ordinal);
        if (dot < 0)
        {
            return Fields.Unknown("figure", key, SimulationSpec.Figures);
        }

        var (arm, figure) = (key[..dot], key[(dot + 1)..]);
        var figureKnown = SimulationSpec.Figures.Contains(figure);
        return (arms.Contains(arm), figureKnown) switch
        {
            (true, true) => null,
            (true, false) => Fields.Unknown("figure", figure, SimulationSpec.Figures),
            (false, true) => Fields.Unknown("arm", arm, arms),
            _ => Fields.Unknown("figure", key, SimulationSpec.Figures),
        };
    }
}
