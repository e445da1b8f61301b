using System.Diagnostics;
using System.Runtime.InteropServices;

namespace ArchLab.Load.Engine;

/// <summary>
/// Waits until a <see cref="Stopwatch"/> timestamp with a precision of tens of microseconds without burning a core.
/// Far from the due time it sleeps coarsely; within a few milliseconds it sleeps with nanosleep (Linux, timer slack
/// lowered for this thread), which <c>Thread.Sleep</c>'s whole milliseconds cannot do at 2,000 sends a second;
/// it spins only the last few tens of microseconds. It does not yield there: on a busy machine a yield can hand the
/// core away for a whole time slice. Elsewhere than Linux the fine sleep falls back to yielding.
/// </summary>
internal static partial class PreciseWait
{
    private const int PrSetTimerSlack = 29;
    private const int PrGetTimerSlack = 30;
    private const int PrioProcess = 0;
    private const int SchedFifo = 1;
    private static readonly long CoarseAbove = Stopwatch.Frequency / 500;         // 2 ms
    private static readonly long SpinBelow = Stopwatch.Frequency / 33_000;        // 30 µs
    private static readonly double NanosecondsPerTick = 1e9 / Stopwatch.Frequency;
    private static readonly bool NanosleepWorks = OperatingSystem.IsLinux() && Probe();

    /// <summary>
    /// Call once on the thread that will wait: asks the kernel for 1 ns timer slack instead of 50 µs and, when
    /// <paramref name="realtime"/>, for the lowest real-time priority (SCHED_FIFO 1) for this thread only, or else
    /// for nice -10. On a machine shared with busy processes a normal thread can wait for a core for milliseconds
    /// after its sleep ends (measured: send delay p99 of 2-3 ms at 2,000/s beside a compiler using both cores, against
    /// 0.1 ms at real-time priority). Both need root or CAP_SYS_NICE; a refused request changes nothing.
    /// </summary>
    public static void PrepareThread(bool realtime)
    {
        if (!NanosleepWorks)
        {
            return;
        }

        _ = Prctl(PrSetTimerSlack, 1, 0, 0, 0);
        var priority = 1;
        if (!realtime || SchedSetScheduler(0, SchedFifo, ref priority) != 0) // on Linux, pid 0 is the calling thread
        {
            _ = SetPriority(PrioProcess, 0, -10);
        }
    }

    /// <summary>Returns at or just after <paramref name="timestamp"/>, or early when cancelled.</summary>
    public static void Until(long timestamp, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var remaining = timestamp - Stopwatch.GetTimestamp();
            if (remaining <= 0)
            {
                return;
            }

            if (remaining > CoarseAbove)
            {
                var ms = (int)((remaining - (CoarseAbove / 2)) * 1000 / Stopwatch.Frequency);
                cancellationToken.WaitHandle.WaitOne(Math.Max(1, ms));
            }
            else if (remaining > SpinBelow)
            {
                if (NanosleepWorks)
                {
                    Sleep((long)((remaining - SpinBelow) * NanosecondsPerTick));
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
    }

    private static void Sleep(long nanoseconds)
    {
        var request = new Timespec { Seconds = nanoseconds / 1_000_000_000, Nanoseconds = nanoseconds % 1_000_000_000 };
        _ = Nanosleep(ref request, IntPtr.Zero);
    }

    // Both calls are in every libc on Linux; a missing one (an unusual runtime image) means yield instead.
    private static bool Probe()
    {
        try
        {
            Sleep(0);
            _ = Prctl(PrGetTimerSlack, 0, 0, 0, 0);
            return true;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct Timespec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [LibraryImport("libc", EntryPoint = "nanosleep")]
    private static partial int Nanosleep(ref Timespec request, IntPtr remaining);

    [LibraryImport("libc", EntryPoint = "sched_setscheduler")]
    private static partial int SchedSetScheduler(int pid, int policy, ref int priority);

    [LibraryImport("libc", EntryPoint = "setpriority")]
    private static partial int SetPriority(int which, uint who, int priority);

    [LibraryImport("libc", EntryPoint = "prctl")]
    private static partial int Prctl(int option, ulong arg2, ulong arg3, ulong arg4, ulong arg5);
}
