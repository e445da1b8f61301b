namespace ArchLab.Load.Recording;

/// <summary>
/// One interval of the measured window (or of the tail after it, until the last answer).
/// Offered counts by intended interval; sent by the interval it left; accepted and errors by the interval the answer
/// came; dropped by the interval the generator gave up. In-flight is every request out at the end of the interval,
/// warm-up included.
/// </summary>
/// <param name="Index">0 for the first interval of the measured window.</param>
/// <param name="AcceptP99Ms">p99 of the corrected accept latency of the answers in that interval; null when none came.</param>
public sealed record TimelineInterval(
    int Index, long Offered, long Sent, long Accepted, long Errors, long Dropped, long InFlight, double? AcceptP99Ms);
