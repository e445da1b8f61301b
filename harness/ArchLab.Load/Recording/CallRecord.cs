using ArchLab.Load.Targets;

namespace ArchLab.Load.Recording;

/// <summary>
/// One request as the caller saw it. Timestamps are <see cref="System.Diagnostics.Stopwatch.GetTimestamp"/> ticks:
/// the machine's monotonic clock (CLOCK_MONOTONIC on Linux), comparable with ticks written by other processes on
/// the same host.
/// </summary>
/// <param name="Seq">0, 1, 2... in offer order, warm-up included, with no gap.</param>
/// <param name="Intended">When the schedule meant it to leave (closed model: when the user decided to send).</param>
/// <param name="Sent">When it actually left; 0 when it was dropped by the generator.</param>
/// <param name="Done">When the caller was unblocked, or when the generator gave up on it.</param>
/// <param name="Kind">How it ended.</param>
/// <param name="StatusCode">The protocol's code when there was one, else 0.</param>
/// <param name="Warmup">Whether it belongs to the warm-up (excluded from the figures).</param>
public readonly record struct CallRecord(
    long Seq, long Intended, long Sent, long Done, OutcomeKind Kind, int StatusCode, bool Warmup);
