using ArchLab.Cli.Terminal;
using ArchLab.Harness.Faults;
using ArchLab.Harness.Model.Scenarios;
using ArchLab.Harness.Orchestration;

namespace ArchLab.Unit.Tests.Terminal;

public sealed class LiveViewTests
{
    [Fact]
    public async Task The_timeline_shows_a_window_open_while_its_action_runs_and_closed_after()
    {
        var open = new OpenFaults();
        var action = new WatchingAction(open);
        var fault = new ProcessFault(TimeSpan.Zero, TimeSpan.FromMilliseconds(50), ProcessAction.Pause, "payment");

        await FaultTimeline.RunAsync([new ScheduledFault(fault, action)], System.Diagnostics.Stopwatch.GetTimestamp(), TestContext.Current.CancellationToken, open);

        Assert.Equal(["pause payment"], action.SeenAtStart);
        Assert.Equal(["pause payment"], action.SeenAtEnd);
        Assert.Empty(open.Now);
    }

    [Fact]
    public void A_row_in_a_fault_window_says_which_in_its_phase()
    {
        var progress = new ArmProgress("jetstream", ArmPhase.Load, TimeSpan.FromSeconds(2.5), TimeSpan.FromSeconds(4), 250, 250, 0, 0, 100, 100,
            Completed: 120, Backlog: 98, CompletedPerSec: 1, OpenFaults: ["kill payment"]);

        Assert.Equal("load [red]· kill payment[/]", LiveTable.PhaseMarkup(progress));
        Assert.Contains("fault: kill payment", ProgressPrinter.Format(progress), StringComparison.Ordinal);
        Assert.Contains("backlog 98", ProgressPrinter.Format(progress), StringComparison.Ordinal);
    }

    [Fact]
    public void Plain_progress_prints_a_line_when_a_fault_opens_even_within_the_interval()
    {
        using var output = new StringWriter();
        var printer = new ProgressPrinter(output);
        var before = new ArmProgress("rest", ArmPhase.Load, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(4), OpenFaults: []);

        printer.Report(before);
        printer.Report(before with { Elapsed = TimeSpan.FromSeconds(1.2) });
        printer.Report(before with { Elapsed = TimeSpan.FromSeconds(1.4), OpenFaults = ["pause broker"] });

        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.Contains("fault: pause broker", lines[1], StringComparison.Ordinal);
    }

    private sealed class WatchingAction(OpenFaults open) : IFaultAction
    {
        public IReadOnlyList<string> SeenAtStart { get; private set; } = [];

        public IReadOnlyList<string> SeenAtEnd { get; private set; } = [];

        public Task StartAsync(CancellationToken cancellationToken)
        {
            SeenAtStart = open.Now;
            return Task.CompletedTask;
        }

        public Task EndAsync(CancellationToken cancellationToken)
        {
            SeenAtEnd = open.Now;
            return Task.CompletedTask;
        }
    }
}
