using System.Diagnostics;

namespace ArchLab.Load.Bench;

/// <summary>Polls a role's process in /proc every 200 us and keeps each change it sees: stopped, running, gone, a new pid.</summary>
internal sealed class ProcessWatcher : IDisposable
{
    private readonly Func<int> _currentPid;
    private readonly List<(long At, int Pid, char State)> _changes = [];
    private readonly Thread _thread;
    private volatile bool _stop;

    public ProcessWatcher(Func<int> currentPid)
    {
        _currentPid = currentPid;
        _thread = new Thread(Watch) { IsBackground = true, Name = "process-watcher", Priority = ThreadPriority.Highest };
        _thread.Start();
    }

    /// <summary>First time seen stopped after <paramref name="after"/>, and first time seen running again after that.</summary>
    public (long Start, long End) Stopped(long after)
    {
        var start = _changes.First(c => c.At >= after - Stopwatch.Frequency / 10 && c.State == 'T').At;
        var end = _changes.First(c => c.At > start && c.State != 'T').At;
        return (start, end);
    }

    /// <summary>First time the process was seen gone after <paramref name="after"/>, and first time a new pid was seen.</summary>
    public (long Start, long End) Replaced(long after)
    {
        var gone = _changes.First(c => c.At >= after - Stopwatch.Frequency / 10 && c.State is 'X' or 'Z');
        var back = _changes.First(c => c.At > gone.At && c.Pid != gone.Pid && c.State is not 'X' and not 'Z');
        return (gone.At, back.At);
    }

    public void Stop()
    {
        _stop = true;
        _thread.Join();
    }

    public void Dispose() => Stop();

    private void Watch()
    {
        var watched = _currentPid();
        var last = (Pid: watched, State: State(watched));
        while (!_stop)
        {
            var state = State(watched);
            if (state is 'X' or 'Z')
            {
                // Gone: look for the next incarnation among new processes whose command names the role.
                foreach (var pid in NewRoleProcesses(watched))
                {
                    watched = pid;
                    state = State(pid);
                    break;
                }
            }

            if ((watched, state) != last)
            {
                _changes.Add((Stopwatch.GetTimestamp(), watched, state));
                last = (watched, state);
            }

            Thread.SpinWait(2000); // about 200 us between looks
        }
    }

    // A new process shows the harness's command line until it has exec'd, so candidates are read again on every look.
    private static IEnumerable<int> NewRoleProcesses(int old)
    {
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), out var pid) && pid > old &&
                TryRead($"{dir}/cmdline") is { } command && command.Contains("--role\0payment", StringComparison.Ordinal))
            {
                yield return pid;
            }
        }
    }

    private static char State(int pid) =>
        TryRead($"/proc/{pid}/stat") is { } stat ? stat[stat.LastIndexOf(')') + 2] : 'X';

    private static string? TryRead(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
