using System.Text.Json;
using ArchLab.Harness.Processes;

namespace ArchLab.Harness.Broker;

/// <summary>
/// nats-server as a child of the harness: JetStream on, client and monitoring ports chosen by the server
/// on loopback (so a port left taken by anything else never fails a run), a store folder of its own.
/// </summary>
public sealed class LocalNatsServer : IBroker
{
    private readonly ChildProcess _process;
    private readonly string _storeDirectory;

    private LocalNatsServer(ChildProcess process, string storeDirectory, string clientUrl, string monitoringUrl, string? version)
    {
        _process = process;
        _storeDirectory = storeDirectory;
        ClientUrl = clientUrl;
        MonitoringUrl = monitoringUrl;
        Version = version;
    }

    public string Kind => "local";

    public string ClientUrl { get; }

    public string? MonitoringUrl { get; }

    public string? Version { get; }

    public int? Pid => _process.Pid;

    /// <summary>The child process, for faults that signal the broker.</summary>
    public ChildProcess Process => _process;

    public static async Task<LocalNatsServer> StartAsync(string binary, string storeDirectory, string logPath, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(storeDirectory);
        var version = await NatsServerLocator.VersionAsync(binary, cancellationToken);
        var spec = new ChildSpec(
            "nats-server",
            binary,
            ["-a", "127.0.0.1", "-p", "-1", "-m", "-1", "-js", "-sd", storeDirectory, "--ports_file_dir", storeDirectory],
            logPath,
            line => line.Contains("Server is ready", StringComparison.Ordinal));
        var process = await ChildProcess.StartAsync(spec, cancellationToken);
        try
        {
            var (client, monitoring) = await ReadPortsAsync(storeDirectory, process.Pid, cancellationToken);
            return new LocalNatsServer(process, storeDirectory, client, monitoring, version);
        }
        catch
        {
            await process.DisposeAsync();
            throw;
        }
    }

    /// <summary>The server writes the ports it chose to <c>&lt;name&gt;_&lt;pid&gt;.ports</c> once it listens.</summary>
    private static async Task<(string Client, string Monitoring)> ReadPortsAsync(string directory, int pid, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (true)
        {
            var file = Directory.EnumerateFiles(directory, $"*_{pid}.ports").FirstOrDefault();
            if (file is not null && TryParsePorts(await File.ReadAllTextAsync(file, cancellationToken)) is { } ports)
            {
                return ports;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new ChildProcessException($"nats-server (pid {pid}) wrote no ports file in {directory}");
            }

            await Task.Delay(20, cancellationToken);
        }
    }

    /// <summary>The client and monitoring URLs of a ports file; null while the server is still writing it.</summary>
    private static (string Client, string Monitoring)? TryParsePorts(string text)
    {
        try
        {
            using var json = JsonDocument.Parse(text);
            var client = json.RootElement.GetProperty("nats")[0].GetString();
            var monitoring = json.RootElement.GetProperty("monitoring")[0].GetString();
            return client is null || monitoring is null ? null : (client, monitoring);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or IndexOutOfRangeException or InvalidOperationException)
        {
            return null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _process.DisposeAsync();
        try
        {
            Directory.Delete(_storeDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
