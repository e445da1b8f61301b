using ArchLab.Harness.Model.Queueing;
using ArchLab.Harness.Model.Scenarios;
using ArchLab.Harness.Model.Scenarios.Loading;

namespace ArchLab.Unit.Tests.Queueing;

/// <summary>Which arms are one station in a steady state, and what theory predicts for each model.</summary>
public class StationTheoryTests
{
    private static Scenario Parse(string arms, string extra = "") => ScenarioLoader.Parse($"""
        name: q
        title: T
        claim: C
        watch: W
        workflow: {"{"} steps: {"{"} payment: {"{"} time: exp(10ms), workers: 1 {"}"} {"}"} {"}"}
        arms:
        {arms}
        load: {"{"} arrival: poisson, rate: 50/s {"}"}
        {extra}
        """, "q.yaml");

    [Fact]
    public void One_exponential_worker_under_Poisson_load_is_M_M_1()
    {
        var scenario = Parse("  mm1: { style: inproc }");

        var theory = StationTheory.For(scenario, scenario.Arms[0]);

        Assert.NotNull(theory);
        Assert.Equal(("M/M/1: payment exp(10ms), 1 worker, 50/s", 0.5, 20.0), (theory.Model, theory.Utilisation, theory.MeanMs));
        Assert.Equal(20 * Math.Log(2), theory.P50Ms!.Value, 2);
        Assert.Equal(20 * Math.Log(100), theory.P99Ms!.Value, 2);
    }

    [Fact]
    public void Each_arm_gets_the_model_of_its_own_steps()
    {
        var scenario = Parse("""
              mm3: { style: inproc, steps: { payment: { time: exp(30ms), workers: 3 } } }
              md1: { style: rest, steps: { payment: { time: fixed(10ms), workers: 1 } } }
              mg1: { style: jetstream, steps: { payment: { time: "lognormal(10ms, 0.5)", workers: 1 } } }
              mginf: { style: inproc, steps: { payment: { time: exp(10ms) } } }
            """);

        var models = scenario.Arms.Select(a => StationTheory.For(scenario, a)!).ToList();

        Assert.Equal(["M/M/3", "M/D/1", "M/G/1", "M/G/∞"], models.Select(m => m.Model.Split(':')[0]));
        Assert.Equal(10 + (0.5 * 10 / (2 * 0.5)), models[1].MeanMs, 3); // P-K with E[S^2] = D^2
        Assert.Null(models[2].P99Ms);
        Assert.Equal((10.0, 46.052), (models[3].MeanMs, models[3].P99Ms!.Value));
    }

    [Theory]
    [InlineData("  a: { style: inproc }", "faults: [ { at: 1s, for: 1s, kill: payment } ]")]
    [InlineData("  a: { style: inproc, steps: { inventory: { time: exp(1ms) } } }", "")]
    [InlineData("  a: { style: inproc, steps: { payment: { time: exp(30ms), workers: 1 } } }", "")]
    [InlineData("  a: { style: inproc, steps: { payment: { time: exp(10ms), workers: 1, mode: cpu } } }", "")]
    public void A_fault_a_second_costed_step_an_unstable_queue_or_a_cpu_step_has_no_theory(string arms, string extra)
    {
        var scenario = Parse(arms, extra);

        Assert.Null(StationTheory.For(scenario, scenario.Arms[0]));
    }

    [Fact]
    public void Constant_arrivals_are_no_Poisson_process()
    {
        var scenario = Parse("  a: { style: inproc }");
        scenario = scenario with { Load = scenario.Load with { Arrival = Arrival.Constant } };

        Assert.Null(StationTheory.For(scenario, scenario.Arms[0]));
    }
}
