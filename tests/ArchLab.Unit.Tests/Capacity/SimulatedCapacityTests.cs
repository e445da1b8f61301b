using ArchLab.Cli.Simulation;
using ArchLab.Harness.Capacity;
using ArchLab.Harness.Model.Scenarios.Loading;
using ArchLab.Simulation;

namespace ArchLab.Unit.Tests.Capacity;

/// <summary>The capacity search in the simulator, against queueing theory's bound c/s.</summary>
public sealed class SimulatedCapacityTests
{
    [Fact]
    public void Each_style_is_found_just_under_what_its_slowest_step_can_do_and_breaks_just_above_it()
    {
        var scenario = ScenarioLoader.Parse("""
            name: knee
            title: t
            claim: c
            watch: w
            workflow:
              steps:
                payment: { time: fixed(10ms), workers: 2 }
            arms:
              rest:      { style: rest }
              jetstream: { style: jetstream }
            load: { rate: 50/s, duration: 10s, warmup: 1s, timeout: 5s, drain: 30s }
            """, "knee.yaml");
        var lines = new List<string>();

        var arms = SimulatedCapacity.Search(scenario, new CapacityOptions(CurvePoints: 2), new SimulationOptions { ArmSuffix = "~sim" }, lines.Add);

        Assert.Equal(["rest~sim", "jetstream~sim"], arms.Select(a => a.Arm));
        Assert.All(arms, arm =>
        {
            // c/s = 2 / 10 ms = 200/s; the search ends within 5% of the rate that broke, which cannot hold above 200.
            Assert.InRange(arm.FoundPerSec!.Value, 200 / 1.05, 200);
            Assert.InRange(arm.AbovePerSec!.Value, 200, 200 * 1.05 * 1.05);
            Assert.StartsWith("completed ", Assert.Single(arm.Broken), StringComparison.Ordinal);
            // The curve has its wall: past the capacity (a curve point, or the search's window within 5% of one) the
            // queue grows and completion takes more than ten service times.
            Assert.Contains(arm.Windows, w => w.Kind == "curve");
            Assert.Contains(arm.Windows, w => !w.Held && w.RatePerSec <= 1.25 * arm.FoundPerSec && w.CompletionMs!.P99 > 100);
        });
        Assert.Equal(arms.Sum(a => a.Windows.Count), lines.Count);
    }
}
