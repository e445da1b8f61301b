using ArchLab.Harness.Model.Scenarios;
using ArchLab.Harness.Model.Scenarios.Loading;
using ArchLab.Harness.Model.Semantics;

namespace ArchLab.Simulation.Tests.Scenarios;

/// <summary>The simulator's timeline: the harness's intervals, its offered rate over time, and a fault that shows where it happened.</summary>
public sealed class TimelineTests
{
    private static string Yaml(string faults) => $$"""
        name: timeline
        title: a short run
        claim: c
        watch: w
        seed: 5
        workflow:
          steps:
            inventory: { time: fixed(1ms), workers: 8 }
            payment:   { time: fixed(2ms), workers: 8 }
            notify:    { time: fixed(1ms), workers: 8 }
        arms:
          rest: { style: rest }
        load: { model: open, rate: 100/s, duration: 6s, warmup: 1s, timeout: 3s }
        faults:
        {{faults}}
        """;

    [Fact]
    public void A_short_run_has_100_ms_points_and_a_two_second_outage_shows_in_exactly_its_twenty()
    {
        var scenario = ScenarioLoader.Parse(Yaml("  - { at: 2s, for: 2s, kill: payment }"), "timeline.yaml");

        var arm = Assert.Single(ScenarioSimulator.Run(scenario, new SimulationOptions { RestartSeconds = 0 }).Results.Arms);

        Assert.Equal(0.1, arm.IntervalSec);
        Assert.Equal([0, 0.1, 0.2, 0.3], arm.Timeline.Take(4).Select(p => p.T));
        // REST completes an order only through payment: nothing completes while it is down, everything around it does.
        var outage = arm.Timeline.Where(p => p.T >= 2 && p.T < 4).ToList();
        Assert.Equal(20, outage.Count);
        Assert.All(outage.Skip(1), p => Assert.Equal(0, p.Completed));
        Assert.All(arm.Timeline.Where(p => p.T >= 0.1 && p.T < 1.9), p => Assert.InRange(p.Completed!.Value, 9, 11));
        Assert.All(arm.Timeline.Where(p => p.T >= 4.1 && p.T < 5.9), p => Assert.InRange(p.Completed!.Value, 9, 11));
        Assert.InRange(arm.Recovery.TimeToRecoverSec!.Value, 0, 0.2);
    }

    [Fact]
    public void Offered_follows_the_harness_rate_over_time_with_overlapping_bursts_multiplied()
    {
        // A scenario file may not overlap two faults on one target; the rate windows the engine takes may.
        var scenario = ScenarioLoader.Parse(Yaml("  - { at: 1s, for: 3s, burst: 2x }"), "timeline.yaml");
        scenario = scenario with { Faults = [.. scenario.Faults, new BurstFault(TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(2), 3)] };
        var profile = RateProfile.Of(scenario);
        var warmup = scenario.Load.Warmup.TotalSeconds;

        var arm = Assert.Single(ScenarioSimulator.Run(scenario, new SimulationOptions()).Results.Arms);

        // Constant arrivals: an interval is offered what the profile says is due in it, give or take the one at its edge.
        foreach (var point in arm.Timeline.Where(p => p.T < 6))
        {
            var due = profile.Integral(warmup + point.T + arm.IntervalSec) - profile.Integral(warmup + point.T);
            Assert.InRange(point.Offered, Math.Floor(due - 1e-9) - 1, Math.Ceiling(due + 1e-9) + 1);
        }

        // 2x and 3x at once from 3 s to 4 s: 600/s, 60 an interval (the old simulator took the last factor, 30).
        Assert.InRange(arm.Timeline.Where(p => p.T >= 3 && p.T < 4).Sum(p => p.Offered), 598, 602);
    }
}
