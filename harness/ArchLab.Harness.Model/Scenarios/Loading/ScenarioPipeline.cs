using YamlDotNet.RepresentationModel;

namespace ArchLab.Harness.Model.Scenarios.Loading;

/// <summary>What one load produced: the scenario, or the errors; and the profiles the file declares.</summary>
internal sealed record LoadOutcome(Scenario? Scenario, IReadOnlyList<ScenarioError> Errors, IReadOnlyList<string> Profiles);

/// <summary>
/// Text to scenario: parse, take out the profiles, apply the profile and the command line on the tree,
/// write the effective YAML, then read the model.
/// </summary>
internal static class ScenarioPipeline
{
    /// <param name="file">Names the text in errors.</param>
    /// <param name="fileStem">The name the scenario must have, when read from a file.</param>
    public static LoadOutcome Run(string yaml, string file, string? fileStem, ScenarioOverrides overrides)
    {
        var problems = new Problems(file);
        var root = YamlText.Parse(yaml, problems, ScenarioReader.RootExpected);
        if (root is null)
        {
            return new LoadOutcome(null, problems.Errors, []);
        }

        var profiles = Profiles.Detach(root, problems);
        var profile = overrides.Profile is { } name && Profiles.Apply(root, profiles, name, problems) ? name : null;
        CommandLine.Apply(root, overrides, problems);
        var declaredArms = ArmsReader.Names(root.Children.TryGetValue(new YamlScalarNode("arms"), out var node) ? node : null)
            .Concat(LeftOutArms(root)).ToList();
        if (overrides.Arms is { } arms)
        {
            CommandLine.FilterArms(root, arms, problems);
        }

        if (overrides.Seed is { } seed)
        {
            CommandLine.Seed(root, seed, problems);
        }

        var effective = EffectiveYaml.Write(root);
        var profileNames = new ValueList<string>(profiles.Keys);
        var scenario = ScenarioReader.Read(root, problems, fileStem, declaredArms);
        if (scenario is null || problems.Any)
        {
            return new LoadOutcome(null, problems.Errors, profileNames);
        }

        return new LoadOutcome(
            scenario with { Profiles = profileNames, Profile = profile, EffectiveYaml = effective },
            [],
            profileNames);
    }

    /// <summary>The names under <c>leftOut</c> (<see cref="CommandLine.LeftOut"/>); anything else there is for the reader to refuse.</summary>
    internal static IEnumerable<string> LeftOutArms(YamlMappingNode root) =>
        root.Children.TryGetValue(new YamlScalarNode(CommandLine.LeftOut), out var node) && node is YamlSequenceNode names
            ? names.Children.OfType<YamlScalarNode>().Select(n => n.Value ?? "").Where(ScenarioReader.IsName)
            : [];
}
