using ArchLab.Load.Engine;

namespace ArchLab.Harness.Orchestration;

/// <summary>Turns the load engine's progress into the arm's.</summary>
internal sealed class LoadProgressAdapter(string arm, IProgress<ArmProgress>? inner) : IProgress<LoadProgress>
{
    public void Report(LoadProgress value) => inner?.Report(new ArmProgress(
        arm,
        value.Phase == LoadPhase.WarmUp ? ArmPhase.WarmUp : value.Phase == LoadPhase.Load ? ArmPhase.Load : ArmPhase.Draining,
        value.Elapsed,
        value.PlannedTotal,
        value.Offered,
        value.Accepted,
        value.Errors,
        value.Dropped,
        value.OfferedPerSec,
        value.AcceptedPerSec));
}
