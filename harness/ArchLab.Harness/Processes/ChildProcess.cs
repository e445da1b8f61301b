using System.Diagnostics;

namespace ArchLab.Harness.Processes;

/// <summary>
/// A child process of the harness: started through <see cref="ProcessSpawner"/>, its output logged to a file,
/// its standard input held open (a service host exits when it closes), stopped and reaped on dispose.
/// </summary>
public sealed class ChildProcess : IRunningProcess
{
    private readonly Process _process;
    private readonly StreamWriter _log;
    private readonly Lock _logGate = new();
    private readonly TaskCompletionSource<string> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Func<string, bool>? _isReadyLine;

    private ChildProcess(ChildSpec spec, Process process, StreamWriter log)
    {
        Spec = spec;
        _process = process;
        _log = log;
        _isReadyLine = spec.IsReadyLine;
        Pid = process.Id;
        Exited = process.WaitForExitAsync();
        ChildRegistry.Add(this);
    }

    public ChildSpec Spec { get; }

    public string Name => Spec.Name;

    public int Pid { get; }

    /// <summary>Completes when the process has exited and been reaped.</summary>
    public Task Exited { get; }

    public bool HasExited => Exited.IsCompleted;

    public int? ExitCode => HasExited ? _process.ExitCode : null;

    /// <summary>Starts the child and waits for its ready line (or only for the start when it has none).</summary>
    /// <returns>The child, ready; <see cref="ReadyLine"/> holds the line that said so.</returns>
    /// <exception cref="ChildProcessException">It exited or stayed silent past its ready timeout; the message quotes its log.</exception>
    public static async Task<ChildProcess> StartAsync(ChildSpec spec, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(spec.LogPath))!);
        var info = new ProcessStartInfo(spec.FileName)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = spec.WorkingDirectory ?? "",
        };
        foreach (var argument in spec.Arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in spec.Environment)
        {
            info.Environment[key] = value;
        }

        var log = new StreamWriter(new FileStream(spec.LogPath, FileMode.Append, FileAccess.Write, FileShare.ReadWrite)) { AutoFlush = true };
        Process process;
        try
        {
            process = await ProcessSpawner.StartAsync(info);
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            await log.DisposeAsync();
            throw new ChildProcessException($"could not start {spec.Name} ({spec.FileName}): {e.Message}", e);
        }

        var child = new ChildProcess(spec, process, log);
        process.OutputDataReceived += (_, e) => child.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => child.OnLine(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (spec.IsReadyLine is null)
        {
            child._ready.TrySetResult("");
        }

        try
        {
            await child.WaitReadyAsync(cancellationToken);
        }
        catch
        {
            await child.DisposeAsync();
            throw;
        }

        return child;
    }

    /// <summary>The line that announced readiness.</summary>
    public string ReadyLine => _ready.Task.IsCompletedSuccessfully ? _ready.Task.Result : "";

    private async Task WaitReadyAsync(CancellationToken cancellationToken)
    {
        var first = await Task.WhenAny(_ready.Task, Exited, Task.Delay(Spec.ReadyTimeout, cancellationToken));
        if (first == _ready.Task)
        {
            return;
        }

        cancellationToken.ThrowIfCancellationRequested();
        var why = first == Exited ? $"exited with code {_process.ExitCode} before it was ready" : $"was not ready within {Spec.ReadyTimeout.TotalSeconds:0}s";
        throw new ChildProcessException($"{Name} {why}; last lines of {Spec.LogPath}:{Environment.NewLine}{Tail(Spec.LogPath, 15)}");
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_logGate)
        {
            _log.WriteLine(line);
        }

        if (_isReadyLine is not null && !_ready.Task.IsCompleted && _isReadyLine(line))
        {
            _ready.TrySetResult(line);
        }
    }

    /// <summary>Sends a signal; false when the process is already gone.</summary>
    public bool Send(Signal signal) => !HasExited && Signals.Send(Pid, signal);

    bool IRunningProcess.IsLocal => true;

    ValueTask<bool> IRunningProcess.SignalAsync(Signal signal) => ValueTask.FromResult(Send(signal));

    /// <summary>SIGTERM, then SIGKILL if it has not exited within <paramref name="grace"/>; always reaped.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        if (!HasExited)
        {
            Send(Signal.Continue); // a paused process cannot handle SIGTERM
            Send(Signal.Terminate);
            if (await Task.WhenAny(Exited, Task.Delay(grace)) != Exited)
            {
                Send(Signal.Kill);
            }
        }

        await Exited.WaitAsync(TimeSpan.FromSeconds(10));
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync(TimeSpan.FromSeconds(3));
        }
        finally
        {
            ChildRegistry.Remove(this);
            _process.Dispose();
            lock (_logGate)
            {
                _log.Dispose();
            }
        }
    }

    internal static string Tail(string path, int lines)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream);
            var all = reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
            return string.Join(Environment.NewLine, all.TakeLast(lines).Select(l => "  | " + l));
        }
        catch (IOException e)
        {
            return $"  (log unreadable: {e.Message})";
        }
    }
}

/// <summary>A child could not be started or did not become ready.</summary>
public sealed class ChildProcessException(string message, Exception? inner = null) : Exception(message, inner);
