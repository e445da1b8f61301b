using ArchLab.Cli.Terminal;
using ArchLab.Harness.Orchestration;

namespace ArchLab.Unit.Tests.Terminal;

/// <summary>With a dashboard, every report reaches it, and the terminal sees what it saw without one.</summary>
public sealed class DashboardProgressTests
{
    [Fact]
    public void The_dashboard_gets_every_report_and_the_terminal_one_a_second_per_arm_and_every_phase_change()
    {
        var dashboard = new Recorder();
        var terminal = new Recorder();
        var progress = new DashboardProgress(dashboard, terminal);
        var planned = TimeSpan.FromSeconds(10);

        foreach (var phase in new[] { ArmPhase.WarmUp, ArmPhase.Load, ArmPhase.Load, ArmPhase.Load, ArmPhase.Load, ArmPhase.Draining, ArmPhase.Done })
        {
            progress.Report(new ArmProgress("rest", phase, TimeSpan.Zero, planned));
        }

        progress.Report(new ArmProgress("jetstream", ArmPhase.Load, TimeSpan.Zero, planned));

        Assert.Equal(8, dashboard.Seen.Count);
        // Four quick reports under load: the first is shown, the rest fall within its second.
        Assert.Equal(
            [("rest", ArmPhase.WarmUp), ("rest", ArmPhase.Load), ("rest", ArmPhase.Draining), ("rest", ArmPhase.Done), ("jetstream", ArmPhase.Load)],
            terminal.Seen.Select(p => (p.Arm, p.Phase)));
    }

    private sealed class Recorder : IProgress<ArmProgress>
    {
        public List<ArmProgress> Seen { get; } = [];

        public void Report(ArmProgress value) => Seen.Add(value);
    }
}
