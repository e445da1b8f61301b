using System.Runtime.InteropServices;

namespace ArchLab.Services.Core.Faults;

/// <summary>
/// Ends this process the way a crash does: SIGKILL to itself, so that no handler, finaliser or flush runs.
/// Whatever the step wrote to the ledger is in the kernel already; whatever it was about to send is not.
/// </summary>
public static partial class SelfKill
{
    private const int SigKill = 9;

    public static void Now()
    {
        _ = Kill(Environment.ProcessId, SigKill);
        // kill(2) of oneself with SIGKILL does not return; should it, the process must still not go on.
        Environment.FailFast("SIGKILL of self did not end the process");
    }

    [LibraryImport("libc", EntryPoint = "kill")]
    private static partial int Kill(int pid, int signal);
}
