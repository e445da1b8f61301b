using ArchLab.Load.Engine;

namespace ArchLab.Harness.Orchestration;

/// <summary>The load engine's progress as the arm's, with what only the harness sees (completions, backlog, faults).</summary>
internal sealed class LoadProgressAdapter(string arm, IProgress<ArmProgress>? inner, LiveProbe? probe = null) : IProgress<LoadProgress>
{
    public void Report(LoadProgress value)
    {
        if (inner is null)
        {
            return;
        }

        var progress = new ArmProgress(
            arm,
            value.Phase == LoadPhase.WarmUp ? ArmPhase.WarmUp : value.Phase == LoadPhase.Load ? ArmPhase.Load : ArmPhase.Draining,
            value.Elapsed,
            value.PlannedTotal,
            value.Offered,
            value.Accepted,
            value.Errors,
            value.Dropped,
            value.OfferedPerSec,
            value.AcceptedPerSec,
            AcceptP99Ms: value.AcceptP99Ms,
            ErrorsPerSec: value.ErrorsPerSec);
        inner.Report(probe?.Enrich(progress) ?? progress);
    }
}
