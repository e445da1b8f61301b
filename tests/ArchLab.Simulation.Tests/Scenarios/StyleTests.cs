using ArchLab.Harness.Model.Expectations;
using ArchLab.Harness.Model.Scenarios;

namespace ArchLab.Simulation.Tests.Scenarios;

/// <summary>What the styles do when a consumer goes down, and what the simulator says of a style it does not know.</summary>
public sealed class StyleTests
{
    [Fact]
    public void The_retention_scenario_shows_its_claim_when_simulated()
    {
        var scenario = ScenarioFiles.Load("retention");
        var arms = ScenarioSimulator.Run(scenario, new SimulationOptions()).Results.Arms;
        var metrics = arms.ToDictionary(a => a.Name, a => (IArmMetrics)new ArmMetrics(a));

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
    public void An_unknown_style_is_a_clear_error_naming_the_known_ones()
    {
        var scenario = ScenarioFiles.Load("retention");
        scenario = scenario with { Arms = [new ArmSpec("soap", "soap")] };

        var error = Assert.Throws<SimulationException>(() => ScenarioSimulator.Run(scenario, new SimulationOptions()));

        Assert.Contains("'soap'", error.Message, StringComparison.Ordinal);
        Assert.Contains("inproc", error.Message, StringComparison.Ordinal);
        Assert.Contains("jetstream", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fan_out_reaches_every_receiver_and_a_sequential_chain_pays_for_each()
    {
        var scenario = ScenarioFiles.Load("retention") with { Faults = [] };
        var one = ScenarioSimulator.Run(scenario, new SimulationOptions { Receivers = 1 }).Results.Arms.Single(a => a.Name == "rest");
        var sequential = ScenarioSimulator.Run(scenario, new SimulationOptions { Receivers = 8 }).Results.Arms.Single(a => a.Name == "rest");
        var parallel = ScenarioSimulator.Run(scenario, new SimulationOptions { Receivers = 8, ParallelFanOut = true }).Results.Arms.Single(a => a.Name == "rest");

        Assert.Equal(sequential.Counts.Accepted, sequential.Counts.Completed);
        // notify costs exp(1ms): eight in a row add about 7 ms to the mean; eight at once add the max of eight, about 2 ms.
        Assert.InRange(sequential.LatencyMs.Accept!.Mean - one.LatencyMs.Accept!.Mean, 5, 9);
        Assert.True(parallel.LatencyMs.Accept!.Mean < sequential.LatencyMs.Accept.Mean - 3);
    }
}
