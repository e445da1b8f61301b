using System.Runtime.InteropServices;

namespace ArchLab.Load.Engine;

/// <summary>
/// The Linux calls that make one thread wake on time: nanosleep, timer slack, and scheduling policy. On Linux a
/// "process" id of 0 in these calls means the calling thread only. Elsewhere <see cref="IsAvailable"/> is false
/// and nothing here is called.
/// </summary>
internal static partial class LinuxThread
{
    private const int PrSetTimerSlack = 29;
    private const int PrGetTimerSlack = 30;
    private const int PrioProcess = 0;
    private const int SchedOther = 0;
    private const int SchedFifo = 1;

    public static bool IsAvailable { get; } = OperatingSystem.IsLinux() && Probe();

    /// <summary>Sleeps for about <paramref name="nanoseconds"/>; with 1 ns timer slack, within tens of µs.</summary>
    public static void Sleep(long nanoseconds)
    {
        var request = new Timespec { Seconds = nanoseconds / 1_000_000_000, Nanoseconds = nanoseconds % 1_000_000_000 };
        _ = Nanosleep(ref request, IntPtr.Zero);
    }

    /// <summary>Asks for 1 ns timer slack instead of the default 50 µs, so sleeps end when asked.</summary>
    public static void UseFineTimerSlack() => _ = Prctl(PrSetTimerSlack, 1, 0, 0, 0);

    /// <summary>The lowest real-time priority (SCHED_FIFO 1); false when not permitted (needs root or CAP_SYS_NICE).</summary>
    public static bool TryUseRealtime()
    {
        var priority = 1;
        return SchedSetScheduler(0, SchedFifo, ref priority) == 0;
    }

    /// <summary>Back to normal scheduling with nice -10 where permitted (a refused nice changes nothing).</summary>
    public static void UseRaisedNormal()
    {
        var priority = 0;
        _ = SchedSetScheduler(0, SchedOther, ref priority);
        _ = SetPriority(PrioProcess, 0, -10);
    }

    // Both calls are in every Linux libc; a missing one (an unusual runtime image) means no fine sleep.
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

    [LibraryImport("libc", EntryPoint = "prctl")]
    private static partial int Prctl(int option, ulong arg2, ulong arg3, ulong arg4, ulong arg5);

    [LibraryImport("libc", EntryPoint = "sched_setscheduler")]
    private static partial int SchedSetScheduler(int pid, int policy, ref int priority);

    [LibraryImport("libc", EntryPoint = "setpriority")]
    private static partial int SetPriority(int which, uint who, int priority);
}
