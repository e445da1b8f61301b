using System.Diagnostics;
using ArchLab.Harness.Samplers;

namespace ArchLab.Harness.Orchestration;

/// <summary>The CPU the arm's role processes spent, read from /proc: the load's share of it is the arm's cost per order.</summary>
internal static class RolesCpu
{
    /// <summary><see cref="Now"/> at the <see cref="Stopwatch"/> timestamp <paramref name="at"/> (to the millisecond).</summary>
    public static async Task<(int[] Pids, double CpuSec)?> AtAsync(ArmServices services, long at, CancellationToken cancellationToken)
    {
        var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), at);
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, cancellationToken);
        }

        return Now(services);
    }

    /// <summary>CPU seconds of every role process so far, with their pids; null when one cannot be read (or runs on another host).</summary>
    public static (int[] Pids, double CpuSec)? Now(ArmServices services)
    {
        if (services.RoleNames.Any(r => !services.ProcessOf(r).IsLocal))
        {
            return null;
        }

        var pids = services.RoleNames.Select(r => services.ProcessOf(r).Pid).Distinct().Order().ToArray();
        var total = 0.0;
        foreach (var pid in pids)
        {
            if (ProcUsage.ReadRunSec(pid) is not { } cpu)
            {
                return null;
            }

            total += cpu;
        }

        return (pids, total);
    }
}
