using System.Diagnostics;

namespace ArchLab.Load.Engine;

/// <summary>
/// Waits until a <see cref="Stopwatch"/> timestamp with a precision of tens of microseconds without burning a core.
/// Far from the due time it sleeps coarsely; within a few milliseconds it sleeps with nanosleep (Linux), which
/// <c>Thread.Sleep</c>'s whole milliseconds cannot do at 2,000 sends a second; it spins only the last 30 µs. It does
/// not yield there: on a busy machine a yield can hand the core away for a whole time slice. Elsewhere than Linux
/// the fine sleep falls back to yielding.
/// </summary>
internal static class PreciseWait
{
    private static readonly long CoarseAbove = Stopwatch.Frequency / 500;   // 2 ms
    private static readonly long SpinBelow = Stopwatch.Frequency / 33_000;  // 30 µs
    private static readonly double NanosecondsPerTick = 1e9 / Stopwatch.Frequency;

    /// <summary>Returns at or just after <paramref name="timestamp"/>, or early when cancelled; true when it had to
    /// wait at all (the caller was on schedule), false when the time had already passed.</summary>
    public static bool Until(long timestamp, CancellationToken cancellationToken)
    {
        var waited = false;
        while (!cancellationToken.IsCancellationRequested)
        {
            var remaining = timestamp - Stopwatch.GetTimestamp();
            if (remaining <= 0)
            {
                return waited;
            }

            waited = true;
            if (remaining > CoarseAbove)
            {
                var ms = (int)((remaining - (CoarseAbove / 2)) * 1000 / Stopwatch.Frequency);
                cancellationToken.WaitHandle.WaitOne(Math.Max(1, ms));
            }
            else if (remaining > SpinBelow)
            {
                if (LinuxThread.IsAvailable)
                {
                    LinuxThread.Sleep((long)((remaining - SpinBelow) * NanosecondsPerTick));
                }
                else
                {
                    Thread.Yield();
                }
            }
            else
            {
                Thread.SpinWait(20);
            }
        }

        return waited;
    }
}
