using System.Diagnostics;
using System.Text.Json;

namespace ArchLab.Microbenchmarks.RoundTrip;

/// <summary>
/// A real nats-server from PATH, the one server not in the benchmark process: on 127.0.0.1, on a port
/// it picks and writes to its ports file, stopped by its PID.
/// </summary>
public sealed class NatsServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _portsDirectory;

    private NatsServerProcess(Process process, string portsDirectory, string url)
    {
        _process = process;
        _portsDirectory = portsDirectory;
        Url = url;
    }

    /// <summary>The client URL, <c>nats://127.0.0.1:&lt;port&gt;</c>.</summary>
    public string Url { get; }

    public int Pid => _process.Id;

    public static async Task<NatsServerProcess> StartAsync(TimeSpan readyWithin)
    {
        var binary = FindOnPath("nats-server") ?? throw new InvalidOperationException(
            "nats-server is not on PATH: the NATS round-trip benchmark needs a real server (apt-get install nats-server)");
        var portsDirectory = Directory.CreateTempSubdirectory("archlab-microbench-nats-").FullName;
        var start = new ProcessStartInfo(binary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "-a", "127.0.0.1", "-p", "-1", "--ports_file_dir", portsDirectory })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"{binary} did not start");
        // Its log goes to stderr; drained so that a full pipe never blocks the server.
        process.OutputDataReceived += static (_, _) => { };
        process.ErrorDataReceived += static (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new NatsServerProcess(process, portsDirectory, "(not listening yet)");
        try
        {
            return new NatsServerProcess(process, portsDirectory, await ReadUrlAsync(process, portsDirectory, readyWithin));
        }
        catch
        {
            // A server that never said where it listens is stopped and its folder removed all the same.
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>The server writes <c>nats-server_&lt;pid&gt;.ports</c> once it listens: polled until then, within a deadline.</summary>
    private static async Task<string> ReadUrlAsync(Process process, string directory, TimeSpan within)
    {
        var deadline = Stopwatch.StartNew();
        var file = Path.Combine(directory, $"nats-server_{process.Id}.ports");
        while (true)
        {
            if (File.Exists(file) && TryParseUrl(await File.ReadAllTextAsync(file)) is { } url)
            {
                return url;
            }

            if (process.HasExited)
            {
                throw new InvalidOperationException($"nats-server exited with code {process.ExitCode} before it listened");
            }

            if (deadline.Elapsed > within)
            {
                throw new TimeoutException($"nats-server (pid {process.Id}) wrote no ports file in {directory} within {within.TotalSeconds} s");
            }

            await Task.Delay(20);
        }
    }

    /// <summary>The client URL of a ports file; null while the server is still writing it.</summary>
    private static string? TryParseUrl(string text)
    {
        try
        {
            using var json = JsonDocument.Parse(text);
            return json.RootElement.GetProperty("nats")[0].GetString();
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or IndexOutOfRangeException or InvalidOperationException)
        {
            return null;
        }
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, name))
            .FirstOrDefault(File.Exists);

    public async ValueTask DisposeAsync()
    {
        // Only this server, by the PID it was started with: never a broad kill by name.
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        try
        {
            Directory.Delete(_portsDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
