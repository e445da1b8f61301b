using System.Diagnostics;
using ArchLab.Contracts.Workflow;

namespace ArchLab.Services.Core.Cost;

/// <summary>Spends a service time the way the cost model says: waiting on the process's precise timer, or burning CPU.</summary>
public static class CostSpender
{
    public static ValueTask SpendAsync(TimeSpan time, CostMode mode, CancellationToken cancellationToken)
    {
        if (time <= TimeSpan.Zero)
        {
            return ValueTask.CompletedTask;
        }

        if (mode == CostMode.Wait)
        {
            return PreciseTimer.Shared.WaitAsync(time, cancellationToken);
        }

        Burn(time, cancellationToken);
        return ValueTask.CompletedTask;
    }

    /// <summary>Keeps one core busy for <paramref name="time"/>: the work a CPU-bound step does.</summary>
    private static void Burn(TimeSpan time, CancellationToken cancellationToken)
    {
        var start = Stopwatch.GetTimestamp();
        var sink = 0UL;
        while (Stopwatch.GetElapsedTime(start) < time && !cancellationToken.IsCancellationRequested)
        {
            for (var i = 0; i < 1000; i++)
            {
                sink = sink * 6364136223846793005UL + 1442695040888963407UL;
            }
        }

        GC.KeepAlive(sink);
    }
}
