namespace ArchLab.Load.Recording;

/// <summary>
/// One second of the measured window (or of the tail after it, until the last answer).
/// Offered counts by intended second; sent by the second it left; accepted and errors by the second the answer came;
/// dropped by the second the generator gave up. In-flight is every request out at the end of the second, warm-up included.
/// </summary>
/// <param name="Second">0 for the first second of the measured window.</param>
/// <param name="AcceptP99Ms">p99 of the corrected accept latency of the answers in that second; null when none came.</param>
public sealed record TimelineSecond(
    int Second, long Offered, long Sent, long Accepted, long Errors, long Dropped, long InFlight, double? AcceptP99Ms);
