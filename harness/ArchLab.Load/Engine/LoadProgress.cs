namespace ArchLab.Load.Engine;

/// <summary>Where a run is.</summary>
public enum LoadPhase
{
    WarmUp,
    Load,

    /// <summary>The schedule is over; waiting for the last answers.</summary>
    Finishing,
}

/// <summary>
/// A live view of a run, reported once a second. Counts are since the start of the load, warm-up included;
/// rates are over the last second.
/// </summary>
/// <param name="Elapsed">Since the start of the load.</param>
/// <param name="PlannedTotal">Warm-up plus measured window.</param>
public sealed record LoadProgress(
    LoadPhase Phase,
    TimeSpan Elapsed,
    TimeSpan PlannedTotal,
    long Offered,
    long Sent,
    long Accepted,
    long Errors,
    long Dropped,
    long InFlight,
    double OfferedPerSec,
    double AcceptedPerSec,
    double ErrorsPerSec);
