using System.Collections.Concurrent;
using System.Runtime.InteropServices;

namespace ArchLab.Harness.Processes;

/// <summary>
/// Every live child of this harness. On Ctrl-C, SIGTERM or a normal exit they are all killed, so nothing
/// outlives a run; a harness that is itself SIGKILLed relies on the death signal set at spawn time.
/// </summary>
public static class ChildRegistry
{
    private static readonly ConcurrentDictionary<int, ChildProcess> Children = new();
    private static readonly Lazy<PosixSignalRegistration[]> Handlers = new(Install);

    /// <summary>The pids of the children alive right now.</summary>
    public static IReadOnlyCollection<int> Pids => Children.Keys.ToArray();

    internal static void Add(ChildProcess child)
    {
        _ = Handlers.Value;
        Children[child.Pid] = child;
    }

    internal static void Remove(ChildProcess child) => Children.TryRemove(child.Pid, out _);

    /// <summary>SIGKILLs every child now. Safe to call from a signal handler or at exit.</summary>
    public static void KillAll()
    {
        foreach (var pid in Children.Keys)
        {
            Signals.Send(pid, Signal.Kill);
        }
    }

    private static PosixSignalRegistration[] Install()
    {
        AppDomain.CurrentDomain.ProcessExit += (_, _) => KillAll();
        // Do not cancel the default action: the harness still ends on Ctrl-C, its children first.
        return
        [
            PosixSignalRegistration.Create(PosixSignal.SIGINT, _ => KillAll()),
            PosixSignalRegistration.Create(PosixSignal.SIGTERM, _ => KillAll()),
            PosixSignalRegistration.Create(PosixSignal.SIGQUIT, _ => KillAll()),
        ];
    }
}
