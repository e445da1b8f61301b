using ArchLab.Harness.Model.Results;
using ArchLab.Harness.Model.Scenarios.Loading;
using ArchLab.Simulation.Calibration;
using ArchLab.Simulation.Queueing;

namespace ArchLab.Simulation.Tests.Scenarios;

/// <summary>
/// A calibrated order takes its way in, its hops and its way back from one measured order: a slow measured order
/// stays slow on every leg, as on the machine that was measured, instead of one slow leg among fast ones.
/// </summary>
public sealed class JourneyTests
{
    // Steps that cost nothing, so an order's latency is its legs alone.
    private const string Yaml = """
        name: journeys
        title: legs of one order
        claim: an order's legs are alike
        watch: completion
        seed: 5
        workflow:
          steps:
            inventory: { time: fixed(0ms), workers: 64 }
            payment:   { time: fixed(0ms), workers: 64 }
            notify:    { time: fixed(0ms), workers: 64 }
        arms:
          rest: { style: rest }
        load: { model: open, rate: 200/s, duration: 10s, warmup: 500ms }
        """;

    // Three quick orders to one slow one: every leg 1 ms, or every leg 9 ms.
    private static readonly double[] Quick = [0.001, 0.001, 0.001, 0.001, 0.001];
    private static readonly double[] Slow = [0.009, 0.009, 0.009, 0.009, 0.009];

    [Fact]
    public void An_order_takes_every_leg_from_one_measured_order()
    {
        var journeys = new Journeys([Journeys.In, "inventory", "payment", "notify", Journeys.Back], [Quick, Quick, Quick, Slow]);

        var latency = Simulate(journeys).LatencyMs;
        var (completion, accept) = (Assert.IsType<LatencySummary>(latency.Completion), Assert.IsType<LatencySummary>(latency.Accept));

        // Quick orders complete after four 1 ms legs (in and three hops) and are answered one leg later; slow ones nine
        // times that. Legs drawn one by one would put a 9 ms leg in most orders (1 - 0.75^4 = 68% of them), so the
        // median would be 12 ms or more.
        Assert.InRange(completion.P50, 3.9, 4.1);
        Assert.InRange(completion.P99, 35.5, 36.5);
        Assert.InRange(accept.P50, 4.9, 5.1);
        Assert.InRange(accept.P99, 44.5, 45.5);
    }

    [Fact]
    public void The_caller_s_legs_and_the_hops_may_come_from_different_measured_orders()
    {
        var legs = new Journeys([Journeys.In, Journeys.Back], [[0.001, 0.001], [0.001, 0.001], [0.001, 0.001], [0.009, 0.009]]);
        var hops = new Journeys(["inventory", "payment", "notify"], [[0.002, 0.002, 0.002]]);
        var calibration = new ArmCalibration("rest", new Dictionary<string, ServiceSampler>(), new Dictionary<string, int>(), null) { Journeys = [legs, hops] };

        var accept = Assert.IsType<LatencySummary>(Simulate(calibration).LatencyMs.Accept);

        // In and back together (2 or 18 ms) and the three hops (6 ms): 8 ms for three orders in four, 24 ms for the rest.
        Assert.InRange(accept.P50, 7.9, 8.1);
        Assert.InRange(accept.P99, 23.5, 24.5);
    }

    [Fact]
    public void Without_whole_orders_each_leg_is_drawn_on_its_own()
    {
        var legs = ServiceSampler.Empirical([0.001, 0.001, 0.001, 0.009]);
        var calibration = new ArmCalibration("rest", new Dictionary<string, ServiceSampler> { ["edge"] = legs }, new Dictionary<string, int> { ["edge"] = 4 }, null)
        {
            AnswerHop = legs,
            Hops = new Dictionary<string, ServiceSampler> { ["inventory"] = legs, ["payment"] = legs, ["notify"] = legs },
        };

        var completion = Assert.IsType<LatencySummary>(Simulate(calibration).LatencyMs.Completion);

        Assert.True(completion.P50 > 11.5, $"independent legs: completion p50 {completion.P50} ms, expected at least one 9 ms leg in most orders");
    }

    private static ArmResult Simulate(Journeys journeys) =>
        Simulate(new ArmCalibration("rest", new Dictionary<string, ServiceSampler>(), new Dictionary<string, int>(), null) { Journeys = [journeys] });

    private static ArmResult Simulate(ArmCalibration calibration)
    {
        var scenario = ScenarioLoader.Parse(Yaml, "journeys.yaml");
        var run = ScenarioSimulator.Run(scenario, new SimulationOptions { Calibration = new Dictionary<string, ArmCalibration> { ["rest"] = calibration } });
        return Assert.Single(run.Results.Arms);
    }
}
