using ArchLab.Harness.Model.Scenarios.Loading;

namespace ArchLab.Unit.Tests.Scenarios;

/// <summary>The complete example of scenarios/FORMAT.md must stay a valid scenario.</summary>
public class FormatDocTests
{
    [Fact]
    public void The_complete_example_of_the_format_reference_loads()
    {
        var example = CompleteExample();

        var scenario = ScenarioLoader.Parse(example, "FORMAT.md");

        Assert.Equal("async-offload", scenario.Name);
        Assert.Equal(4, scenario.Faults.Count);
        Assert.Equal(8, ScenarioLoader.Parse(example, "FORMAT.md", new ScenarioOverrides(Profile: "quick")).Load.Duration.TotalSeconds);
    }

    private static string CompleteExample()
    {
        var text = File.ReadAllText(Path.Combine(RepositoryRoot(), "scenarios", "FORMAT.md"));
        var section = text[text.IndexOf("## Complete example", StringComparison.Ordinal)..];
        var start = section.IndexOf("```yaml\n", StringComparison.Ordinal) + "```yaml\n".Length;
        return section[start..section.IndexOf("```\n", start, StringComparison.Ordinal)];
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "ArchLab.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException($"no ArchLab.sln above {AppContext.BaseDirectory}");
    }
}
