using System.Diagnostics;

namespace ArchLab.Harness.Faults;

/// <summary>Waits until a Stopwatch timestamp to within about a millisecond: a timer for the bulk, a yield loop for the end.</summary>
internal static class PreciseDelay
{
    private static readonly long TimerSlack = Stopwatch.Frequency / 200; // 5 ms

    public static async Task UntilAsync(long timestamp, CancellationToken cancellationToken)
    {
        var remaining = timestamp - Stopwatch.GetTimestamp();
        if (remaining > TimerSlack)
        {
            await Task.Delay(TimeSpan.FromSeconds((double)(remaining - TimerSlack) / Stopwatch.Frequency), cancellationToken);
        }

        while (Stopwatch.GetTimestamp() < timestamp)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Thread.Yield();
        }
    }
}
