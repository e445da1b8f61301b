namespace ArchLab.Harness.Orchestration;

/// <summary>Where an arm is in its life.</summary>
public enum ArmPhase
{
    Starting,
    WarmUp,
    Load,
    Draining,
    Checking,
    Done,
}

/// <summary>A live view of one arm, for the progress line.</summary>
/// <param name="Arm">The arm's name.</param>
/// <param name="Phase">Where it is.</param>
/// <param name="Elapsed">Since the load started (zero before).</param>
/// <param name="PlannedTotal">Warm-up plus measured window.</param>
/// <param name="Offered">Requests offered so far, warm-up included.</param>
/// <param name="Accepted">Requests accepted so far.</param>
/// <param name="Errors">Errors so far.</param>
/// <param name="Dropped">Requests dropped by the generator so far.</param>
/// <param name="OfferedPerSec">Over the last second.</param>
/// <param name="AcceptedPerSec">Over the last second.</param>
/// <param name="Completed">Orders whose last step happened (ledger slots of the last step); null without a ledger.</param>
/// <param name="Backlog">Broker backlog, when the arm has a broker.</param>
/// <param name="CompletedPerSec">Completions over the last look (about a second); null without a ledger.</param>
/// <param name="OpenFaults">The fault windows open now, e.g. <c>kill payment</c>; empty outside them.</param>
/// <param name="AcceptP99Ms">The accept p99 of the last closed timeline interval; null before one closed.</param>
/// <param name="ErrorsPerSec">Over the last look.</param>
public sealed record ArmProgress(
    string Arm,
    ArmPhase Phase,
    TimeSpan Elapsed,
    TimeSpan PlannedTotal,
    long Offered = 0,
    long Accepted = 0,
    long Errors = 0,
    long Dropped = 0,
    double OfferedPerSec = 0,
    double AcceptedPerSec = 0,
    long? Completed = null,
    long? Backlog = null,
    double? CompletedPerSec = null,
    IReadOnlyList<string>? OpenFaults = null,
    double? AcceptP99Ms = null,
    double ErrorsPerSec = 0);
