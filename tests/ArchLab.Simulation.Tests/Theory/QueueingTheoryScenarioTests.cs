using ArchLab.Harness.Model.Expectations;
using ArchLab.Simulation.Tests.Scenarios;

namespace ArchLab.Simulation.Tests.Theory;

/// <summary>
/// The queueing-theory scenario simulated: every arm that is one station carries theory's figures, and the
/// scenario's own expectations (figures within their bounds of theory, the floor taken off) hold, for the quick
/// profile and for the full one, over several seeds.
/// </summary>
public sealed class QueueingTheoryScenarioTests
{
    [Theory]
    [InlineData("quick", 1)]
    [InlineData("quick", 2)]
    [InlineData("quick", 3)]
    [InlineData(null, 1)]
    public void Every_expectation_against_theory_holds_when_simulated(string? profile, int seed)
    {
        var scenario = ScenarioFiles.Load("queueing-theory", profile, seed);
        var arms = ScenarioSimulator.Run(scenario, new SimulationOptions()).Results.Arms;
        var metrics = arms.ToDictionary(a => a.Name, a => (IArmMetrics)new ArmMetrics(a));

        Assert.All(arms.Where(a => !a.Name.StartsWith("floor", StringComparison.Ordinal)), a => Assert.NotNull(a.Theory));
        foreach (var arm in arms)
        {
            foreach (var expectation in scenario.Expect.GetValueOrDefault(arm.Name) ?? [])
            {
                var verdict = expectation.Evaluate(metrics[arm.Name], n => metrics.GetValueOrDefault(n));
                Assert.True(verdict.Passed, $"{arm.Name}: {verdict.Expr} ({verdict.Actual})");
            }
        }
    }

    [Fact]
    public void The_models_are_the_ones_the_scenario_names()
    {
        var scenario = ScenarioFiles.Load("queueing-theory", profile: null);
        var arms = ScenarioSimulator.Run(scenario, new SimulationOptions()).Results.Arms.ToDictionary(a => a.Name);

        Assert.StartsWith("M/M/1: payment exp(10ms)", arms["mm1"].Theory!.Model, StringComparison.Ordinal);
        Assert.StartsWith("M/M/3: payment exp(30ms)", arms["mm3"].Theory!.Model, StringComparison.Ordinal);
        Assert.StartsWith("M/D/1: payment fixed(10ms)", arms["md1"].Theory!.Model, StringComparison.Ordinal);
        Assert.Equal(0.5, arms["mm1"].Theory!.Utilisation);
        Assert.Null(arms["floor"].Theory);
    }
}
