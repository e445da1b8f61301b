using System.Runtime.InteropServices;

namespace ArchLab.Harness.Processes;

/// <summary>The POSIX signals the harness sends to its children (Linux numbers).</summary>
public enum Signal
{
    Interrupt = 2,
    Kill = 9,
    Terminate = 15,
    Continue = 18,
    Stop = 19,
}

/// <summary>Sends real signals: a killed process is killed by the kernel, a paused one is stopped by it.</summary>
public static partial class Signals
{
    /// <summary>Sends <paramref name="signal"/> to <paramref name="pid"/>; false when the process is already gone.</summary>
    public static bool Send(int pid, Signal signal) => NativeKill(pid, (int)signal) == 0;

    /// <summary>Whether a process with this pid exists (signal 0 probes without sending anything).</summary>
    public static bool IsAlive(int pid) => NativeKill(pid, 0) == 0 || Marshal.GetLastPInvokeError() == 1 /* EPERM: exists */;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int NativeKill(int pid, int signal);
}
