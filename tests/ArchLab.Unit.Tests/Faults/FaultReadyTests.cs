using System.Diagnostics;
using ArchLab.Harness.Faults;
using ArchLab.Harness.Model.Scenarios;

namespace ArchLab.Unit.Tests.Faults;

/// <summary>A process fault's window says when its end had done its work (the role back and ready), which is the restart a model of the arm needs.</summary>
public sealed class FaultReadyTests
{
    [Fact]
    public async Task A_process_fault_s_window_is_ready_when_its_end_has_finished()
    {
        var restart = new SlowEnd(TimeSpan.FromMilliseconds(120));
        var fault = new ProcessFault(TimeSpan.Zero, TimeSpan.FromMilliseconds(50), ProcessAction.Kill, "payment");

        var records = await FaultTimeline.RunAsync([new ScheduledFault(fault, restart)], Stopwatch.GetTimestamp(), TestContext.Current.CancellationToken);

        var window = Assert.Single(records).Window;
        Assert.NotNull(window.EndSec);
        Assert.NotNull(window.ReadySec);
        // The end began at the window's end and took the restart's 120 ms (both rounded to the millisecond, and a
        // timer of the runtime may fire a millisecond or two early).
        Assert.True(window.ReadySec - window.EndSec >= 0.115, $"ready {window.ReadySec} s, end {window.EndSec} s");
    }

    [Fact]
    public async Task A_fault_that_is_not_a_process_s_has_no_ready_time()
    {
        var fault = new NetworkFault(TimeSpan.Zero, TimeSpan.FromMilliseconds(20), "edge->payment", "latency", new Dictionary<string, long> { ["latency"] = 10 });

        var records = await FaultTimeline.RunAsync([new ScheduledFault(fault, new SlowEnd(TimeSpan.Zero))], Stopwatch.GetTimestamp(), TestContext.Current.CancellationToken);

        Assert.Null(Assert.Single(records).Window.ReadySec);
    }

    private sealed class SlowEnd(TimeSpan end) : IFaultAction
    {
        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task EndAsync(CancellationToken cancellationToken) => Task.Delay(end, cancellationToken);
    }
}
