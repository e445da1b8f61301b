using System.Collections.Concurrent;
using System.Diagnostics;

namespace ArchLab.Harness.Processes;

/// <summary>
/// Starts every child from one long-lived thread, through <c>setpriv --pdeathsig KILL</c> where it exists.
/// The kernel then kills the child when that thread dies, which happens only when the harness dies:
/// a crashed or SIGKILLed harness leaves no orphans. (The death signal follows the thread that forked,
/// not the process, so thread-pool threads, which come and go, must not do the forking.)
/// </summary>
public static class ProcessSpawner
{
    private static readonly BlockingCollection<(ProcessStartInfo Info, TaskCompletionSource<Process> Done)> Requests = new();
    private static readonly Lazy<Thread> Thread = new(StartThread);

    /// <summary>Path of setpriv, or null where the system has none (then children rely on their stdin watch alone).</summary>
    public static string? SetPriv { get; } = File.Exists("/usr/bin/setpriv") ? "/usr/bin/setpriv" : null;

    public static Task<Process> StartAsync(ProcessStartInfo info)
    {
        _ = Thread.Value;
        var done = new TaskCompletionSource<Process>(TaskCreationOptions.RunContinuationsAsynchronously);
        Requests.Add((WithDeathSignal(info), done));
        return done.Task;
    }

    private static ProcessStartInfo WithDeathSignal(ProcessStartInfo info)
    {
        if (SetPriv is null)
        {
            return info;
        }

        // setpriv execs the program in place: the child keeps setpriv's pid, so signals reach the real process.
        info.ArgumentList.Insert(0, info.FileName);
        info.ArgumentList.Insert(0, "KILL");
        info.ArgumentList.Insert(0, "--pdeathsig");
        info.FileName = SetPriv;
        return info;
    }

    private static Thread StartThread()
    {
        var thread = new Thread(() =>
        {
            foreach (var (info, done) in Requests.GetConsumingEnumerable())
            {
                try
                {
                    done.SetResult(Process.Start(info) ?? throw new InvalidOperationException($"could not start {info.FileName}"));
                }
                catch (Exception e)
                {
                    done.SetException(e);
                }
            }
        })
        {
            IsBackground = true,
            Name = "archlab-process-spawner",
        };
        thread.Start();
        return thread;
    }
}
