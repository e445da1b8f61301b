using ArchLab.Harness.Orchestration;

namespace ArchLab.Cli.Terminal;

/// <summary>
/// Progress for a run with a live dashboard: every report goes to the dashboard (four a second), and to the terminal's
/// view at most once a second per arm, and whenever an arm's phase changes, as without a dashboard.
/// </summary>
public sealed class DashboardProgress(IProgress<ArmProgress> dashboard, IProgress<ArmProgress>? terminal) : IProgress<ArmProgress>
{
    private readonly Dictionary<string, (ArmPhase Phase, DateTime At)> _shown = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public void Report(ArmProgress value)
    {
        dashboard.Report(value);
        if (terminal is null)
        {
            return;
        }

        lock (_gate)
        {
            var now = DateTime.UtcNow;
            if (_shown.TryGetValue(value.Arm, out var last) && last.Phase == value.Phase && now - last.At < TimeSpan.FromSeconds(1))
            {
                return;
            }

            _shown[value.Arm] = (value.Phase, now);
        }

        terminal.Report(value);
    }
}
