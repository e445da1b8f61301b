using ArchLab.Harness.Capacity;
using ArchLab.Harness.Model.Capacity;
using ArchLab.Harness.Model.Scenarios.Loading;
using ArchLab.Harness.Orchestration;
using ArchLab.Integration.Tests.Fixtures;

namespace ArchLab.Integration.Tests.Capacity;

[Collection(ArmProcesses.Name)]
/// <summary>
/// A capacity search on real processes against queueing theory: one station with one worker and a fixed 10 ms
/// service time completes at most 1 / 10 ms = 100 orders/s, and a little less with the hops around it.
/// </summary>
public sealed class CapacitySearchRunTests
{
    [Fact]
    public async Task The_search_finds_a_single_station_near_what_queueing_theory_allows_and_the_curve_turns_at_it()
    {
        using var folder = new TempFolder("capacity");
        var scenario = ScenarioLoader.Parse("""
            name: station
            title: One station
            claim: c
            watch: w
            seed: 5
            workflow:
              payload: 128B
              steps:
                payment: { time: fixed(10ms), workers: 1 }
            arms:
              inproc: { style: inproc }
            load: { model: open, arrival: poisson, rate: 40/s, duration: 1500ms, warmup: 300ms, timeout: 2s, drain: 5s }
            """, "station.yaml");

        var (results, _) = await CapacityRunner.RunAsync(scenario, new CapacityOptions(Precision: 0.1, MaxSteps: 10, CurvePoints: 2),
            new RunOptions { OutputDirectory = folder.Path }, null, _ => { }, TestContext.Current.CancellationToken);

        var arm = Assert.Single(results.Arms);
        // Theory's bound is 100/s; the search stops within 10% of the rate that broke, and a busy machine stretches
        // each 10 ms a little: what it finds sits between three quarters of the bound and the bound, plus the 2% by
        // which a window's completed rate may trail its offered one and still hold (a CI run found 101.5/s: over a
        // 1.5 s window 100/s completed against 101.5/s offered is 1.5% short, within what the search calls held).
        Assert.InRange(arm.FoundPerSec!.Value, 75, 102);
        Assert.True(arm.AbovePerSec > arm.FoundPerSec && arm.AbovePerSec <= arm.FoundPerSec * 1.1 + 0.1, $"broke at {arm.AbovePerSec}, held {arm.FoundPerSec}");
        Assert.NotEmpty(arm.Broken);
        // The knee: past the capacity the queue grows for the whole window, so the p99 of completion (inproc answers
        // its caller before the steps run) is many times what it is at half the capacity.
        var calm = arm.Windows.Where(w => w.Held).MinBy(w => w.RatePerSec)!;
        var over = arm.Windows.Where(w => w.RatePerSec > 1.1 * arm.FoundPerSec).MaxBy(w => w.RatePerSec)!;
        Assert.True(over.CompletionMs!.P99 > 5 * calm.CompletionMs!.P99,
            $"completion p99 {over.CompletionMs.P99} ms at {over.RatePerSec}/s against {calm.CompletionMs.P99} ms at {calm.RatePerSec}/s");
        Assert.Contains(arm.Windows, w => w.Kind == "curve");
        Assert.True(File.Exists(Path.Combine(folder.Path, "capacity.json")));
        Assert.True(File.Exists(Path.Combine(folder.Path, "charts", "capacity-accept-p99.svg")));
    }
}
