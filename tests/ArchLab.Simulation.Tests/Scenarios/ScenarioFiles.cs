using ArchLab.Harness.Model.Scenarios;
using ArchLab.Harness.Model.Scenarios.Loading;

namespace ArchLab.Simulation.Tests.Scenarios;

/// <summary>The repository's own scenario files, as a user runs them.</summary>
internal static class ScenarioFiles
{
    public static string Folder { get; } = Find();

    public static IEnumerable<string> All() => Directory.GetFiles(Folder, "*.yaml").Order(StringComparer.Ordinal);

    public static Scenario Load(string name, string? profile = "quick", int? seed = null) =>
        ScenarioLoader.Load(Path.Combine(Folder, name + ".yaml"), new ScenarioOverrides(Profile: profile, Seed: seed));

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "scenarios");
            if (File.Exists(Path.Combine(candidate, "retention.yaml")))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("no scenarios/ folder above " + AppContext.BaseDirectory);
    }
}
