using ArchLab.Harness.Model.Scenarios;
using ArchLab.Harness.Model.Scenarios.Loading;
using ArchLab.Harness.Model.Semantics;
using ArchLab.Harness.Orchestration;

namespace ArchLab.Unit.Tests.Semantics;

/// <summary>The offered rate over time: one function, which the load engine's options and the simulator both take.</summary>
public sealed class OfferedRateTests
{
    // A scenario's faults may not overlap on one target, but the load engine takes any rate windows (and the command
    // line adds faults): the rule for overlapping ones is set here.
    private static Scenario Bursts() => ScenarioLoader.Parse("""
        name: bursts
        title: overlapping bursts
        claim: c
        watch: w
        workflow:
          steps:
            inventory: { time: fixed(1ms) }
            payment:   { time: fixed(1ms) }
            notify:    { time: fixed(1ms) }
        arms:
          rest: { style: rest }
        load: { model: open, rate: 100/s, ramp: { from: 20/s, for: 2s }, duration: 10s, warmup: 1s }
        """, "bursts.yaml") with
    {
        Faults = [new BurstFault(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4), 2), new BurstFault(TimeSpan.FromSeconds(4), null, 3)],
    };

    [Fact]
    public void Overlapping_bursts_multiply_and_an_open_ended_one_lasts_to_the_end_of_the_window()
    {
        var profile = RateProfile.Of(Bursts());

        // Times count from the start of the warm-up (1 s): the ramp from 20/s to 100/s over the first 2 s.
        Assert.Equal(60, profile.RateAt(1), 9);
        Assert.Equal(100, profile.RateAt(2.5), 9);
        Assert.Equal(200, profile.RateAt(4), 9); // the 2x burst from 2 s of the window
        Assert.Equal(600, profile.RateAt(6), 9); // 2x and 3x at once: 6x, not the last one's 3x
        Assert.Equal(300, profile.RateAt(9), 9); // the 2x is over, the 3x runs to the end
        // Expected arrivals: the ramp 120, then 100 + 2 * 200 + 2 * 600 + 4 * 300.
        Assert.Equal(120 + 100 + 400 + 1200 + 1200, profile.Total, 6);
    }

    [Fact]
    public void The_load_engine_is_given_the_very_profile_the_simulator_arrives_by()
    {
        var scenario = Bursts();
        var folder = Directory.CreateTempSubdirectory("archlab-rate-");
        try
        {
            var engine = ArmRunner.LoadOptionsFor(scenario, scenario.Arms[0], RunFolder.Create(new RunOptions { OutputDirectory = folder.FullName }, "bursts", DateTimeOffset.UtcNow)).RateProfile();
            var shared = RateProfile.Of(scenario);

            for (var t = 0.0; t < 11; t += 0.01)
            {
                Assert.Equal(shared.RateAt(t), engine.RateAt(t));
                Assert.Equal(shared.Integral(t), engine.Integral(t));
            }
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
