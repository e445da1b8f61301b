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
/// A live view of a run, reported every progress period (a second by default). Counts are since the start of the
/// load, warm-up included; rates are over the last period.
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
    double ErrorsPerSec)
{
    /// <summary>The accept p99 of the last interval whose answers are all in, ms; null before one is, or when it had none.</summary>
    public double? AcceptP99Ms { get; init; }
}
