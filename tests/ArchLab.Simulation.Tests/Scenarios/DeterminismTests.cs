using ArchLab.Harness.Model.Results;
using ArchLab.Simulation.Recording;

namespace ArchLab.Simulation.Tests.Scenarios;

/// <summary>The same seed gives the same bytes; another seed gives other figures.</summary>
public sealed class DeterminismTests
{
    [Fact]
    public void The_same_seed_gives_byte_identical_results_and_latency_logs()
    {
        var first = Write(ScenarioFiles.Load("retention"));
        var second = Write(ScenarioFiles.Load("retention"));
        try
        {
            var files = Directory.GetFiles(first.FullName).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
            Assert.Contains("results.json", files);
            Assert.Contains("jetstream.completion.hlog", files);
            foreach (var file in files)
            {
                Assert.Equal(File.ReadAllBytes(Path.Combine(first.FullName, file!)), File.ReadAllBytes(Path.Combine(second.FullName, file!)));
            }
        }
        finally
        {
            first.Delete(recursive: true);
            second.Delete(recursive: true);
        }
    }

    [Fact]
    public void Another_seed_gives_other_results()
    {
        var a = ResultsJson.Serialize(ScenarioSimulator.Run(ScenarioFiles.Load("retention", seed: 1), new SimulationOptions()).Results);
        var b = ResultsJson.Serialize(ScenarioSimulator.Run(ScenarioFiles.Load("retention", seed: 2), new SimulationOptions()).Results);

        Assert.NotEqual(a, b);
    }

    [Fact]
    public void Simulated_results_say_so_and_carry_no_wall_clock_time()
    {
        var results = ScenarioSimulator.Run(ScenarioFiles.Load("retention"), new SimulationOptions()).Results;

        Assert.True(results.Simulated);
        Assert.All(results.Arms, a => Assert.True(a.Simulated));
        Assert.Equal(ScenarioSimulator.StartedUtc, results.StartedUtc);
        Assert.Contains("simulated", results.Environment.Os, StringComparison.Ordinal);
    }

    private static DirectoryInfo Write(Harness.Model.Scenarios.Scenario scenario)
    {
        var run = ScenarioSimulator.Run(scenario, new SimulationOptions());
        var folder = Directory.CreateTempSubdirectory("archlab-sim-");
        File.WriteAllText(Path.Combine(folder.FullName, "results.json"), ResultsJson.Serialize(run.Results));
        foreach (var arm in run.Histograms)
        {
            HlogFiles.Write(folder.FullName, arm, ScenarioSimulator.StartedUtc, scenario.Load.Duration.TotalSeconds);
        }

        return folder;
    }
}
