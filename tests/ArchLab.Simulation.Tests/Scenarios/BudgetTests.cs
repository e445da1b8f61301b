using ArchLab.Simulation;

namespace ArchLab.Simulation.Tests.Scenarios;

/// <summary>A simulation past what memory allows is refused before it starts, with the estimate; one within it runs.</summary>
public sealed class BudgetTests
{
    [Fact]
    public void An_arm_past_the_order_limit_is_refused_with_the_estimate_before_anything_runs()
    {
        var scenario = ScenarioFiles.Load("retention", "quick");

        var error = Assert.Throws<SimulationException>(() => ScenarioSimulator.Run(scenario, new SimulationOptions { Scale = 1e9 }));

        // The quick profile offers 100/s for 4 s, warm-up included: 400 orders an arm, times the scale.
        Assert.StartsWith("at scale 1000000000 each arm of retention would simulate about 400,000,000,000 orders (about 300000 GB of memory), past the limit of 4,000,000 an arm", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_estimate_is_the_offered_orders_of_an_arm_warm_up_included()
    {
        var scenario = ScenarioFiles.Load("retention", "quick");

        Assert.Equal(40_000, SimulationBudget.OrdersPerArm(scenario, 100)!.Value, precision: 6);
        SimulationBudget.Check(scenario, 10_000); // 4,000,000: at the limit, allowed
        Assert.Throws<SimulationException>(() => SimulationBudget.Check(scenario, 10_001));
    }
}
