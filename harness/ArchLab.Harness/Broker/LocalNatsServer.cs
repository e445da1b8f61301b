using System.Text.Json;
using ArchLab.Harness.Processes;

namespace ArchLab.Harness.Broker;

/// <summary>One node of a local cluster: its server name, the port its routes listen on, the route URLs it dials.</summary>
public sealed record ClusterNodeSpec(string Name, int Port, IReadOnlyList<string> Routes, string ClusterName = "archlab")
{
    /// <summary>A loopback address no server listens on (port 1): what a node advertises as its route address.</summary>
    public const string NowhereAdvertised = "127.0.0.1:1";
}

/// <summary>
/// nats-server as a child of the harness: JetStream on, client and monitoring ports chosen by the server
/// on loopback (so a port left taken by anything else never fails a run), a store folder of its own.
/// </summary>
public sealed class LocalNatsServer : IBroker, IBrokerProcess
{
    private readonly string _binary;
    private readonly string _storeDirectory;
    private readonly string _logPath;
    private readonly ClusterNodeSpec? _cluster;
    private ChildProcess _process;

    private LocalNatsServer(
        string binary, ChildProcess process, string storeDirectory, string logPath, string clientUrl, string monitoringUrl, string? version, string? webSocketUrl,
        ClusterNodeSpec? cluster)
    {
        _cluster = cluster;
        WebSocketUrl = webSocketUrl;
        _binary = binary;
        _process = process;
        _storeDirectory = storeDirectory;
        _logPath = logPath;
        ClientUrl = clientUrl;
        MonitoringUrl = monitoringUrl;
        Version = version;
    }

    public string Kind => "local";

    public string ClientUrl { get; }

    public string? MonitoringUrl { get; }

    public string? Version { get; }

    public int? Pid => _process.Pid;

    public string? WebSocketUrl { get; }

    /// <summary>The child process of the current incarnation, for faults that signal the broker.</summary>
    public ChildProcess Process => _process;

    /// <param name="webSocket">Also listen for WebSocket clients (browser pages), on a loopback port of the server's choosing.</param>
    /// <param name="cluster">A node of a cluster: its name, route port and the routes it dials; null for a server alone.</param>
    public static async Task<LocalNatsServer> StartAsync(
        string binary, string storeDirectory, string logPath, CancellationToken cancellationToken, bool webSocket = false, ClusterNodeSpec? cluster = null,
        TimeSpan? syncInterval = null)
    {
        Directory.CreateDirectory(storeDirectory);
        var version = await NatsServerLocator.VersionAsync(binary, cancellationToken);
        var process = await ChildProcess.StartAsync(Spec(binary, storeDirectory, logPath, "-1", "-1", webSocket ? "-1" : null, cluster, syncInterval), cancellationToken);
        try
        {
            var (client, monitoring, ws) = await ReadPortsAsync(storeDirectory, process.Pid, webSocket, cancellationToken);
            return new LocalNatsServer(binary, process, storeDirectory, logPath, client, monitoring, version, ws, cluster) { SyncInterval = syncInterval };
        }
        catch
        {
            await process.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Starts the server again after a kill or a stop, on the same ports and with the same store: clients
    /// reconnect to where they were, and a file-backed stream comes back with what it held.
    /// </summary>
    public async Task RestartAsync(CancellationToken cancellationToken)
    {
        var old = _process;
        await old.DisposeAsync();
        _process = await ChildProcess.StartAsync(
            Spec(_binary, _storeDirectory, _logPath, new Uri(ClientUrl).Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                new Uri(MonitoringUrl!).Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                WebSocketUrl is null ? null : new Uri(WebSocketUrl).Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                _cluster, SyncInterval),
            cancellationToken);
    }

    /// <summary>The JetStream sync policy it was started with (<c>sync_interval</c>; zero: <c>always</c>); null: the server's default.</summary>
    public TimeSpan? SyncInterval { get; private init; }

    /// <summary>
    /// The configuration file the flags cannot say, or null where they say everything: a WebSocket listener (only a
    /// file turns it on; no TLS, the pages are on loopback) and JetStream's <c>sync_interval</c> (2.10 and later).
    /// </summary>
    public static string? ConfigText(string? webSocketPort, TimeSpan? syncInterval)
    {
        var text = new System.Text.StringBuilder();
        if (webSocketPort is not null)
        {
            text.Append("websocket {\n  listen: \"127.0.0.1:").Append(webSocketPort).Append("\"\n  no_tls: true\n}\n");
        }

        if (syncInterval is { } sync)
        {
            var value = sync == TimeSpan.Zero ? "always" : $"\"{(long)Math.Ceiling(sync.TotalMilliseconds)}ms\"";
            text.Append("jetstream {\n  sync_interval: ").Append(value).Append("\n}\n");
        }

        return text.Length == 0 ? null : text.ToString();
    }

    private static ChildSpec Spec(
        string binary, string storeDirectory, string logPath, string port, string monitoringPort, string? webSocketPort, ClusterNodeSpec? cluster, TimeSpan? syncInterval)
    {
        List<string> arguments = ["-a", "127.0.0.1", "-p", port, "-m", monitoringPort, "-js", "-sd", storeDirectory, "--ports_file_dir", storeDirectory];
        if (cluster is not null)
        {
            // Routes only through the ones given (the fault proxy's, so that a route can be cut): the server advertises a
            // route address nothing listens on, so no node dials another directly on what gossip told it.
            arguments.AddRange([
                "--server_name", cluster.Name, "--cluster_name", cluster.ClusterName,
                "--cluster", $"nats://127.0.0.1:{cluster.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)}",
                "--cluster_advertise", ClusterNodeSpec.NowhereAdvertised,
                "--routes", string.Join(",", cluster.Routes),
            ]);
        }

        if (ConfigText(webSocketPort, syncInterval) is { } text)
        {
            // The flags above still apply over the file. It lives beside the log, not in the store, which a power loss
            // may take back.
            var config = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(logPath))!, Path.GetFileNameWithoutExtension(logPath) + ".conf");
            File.WriteAllText(config, text);
            arguments.InsertRange(0, ["-c", config]);
        }

        return new ChildSpec("nats-server", binary, arguments, logPath, line => line.Contains("Server is ready", StringComparison.Ordinal));
    }

    /// <summary>The server writes the ports it chose to <c>&lt;name&gt;_&lt;pid&gt;.ports</c> once it listens.</summary>
    private static async Task<(string Client, string Monitoring, string? WebSocket)> ReadPortsAsync(
        string directory, int pid, bool webSocket, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (true)
        {
            var file = Directory.EnumerateFiles(directory, $"*_{pid}.ports").FirstOrDefault();
            if (file is not null && TryParsePorts(await File.ReadAllTextAsync(file, cancellationToken), webSocket) is { } ports)
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

    /// <summary>The client, monitoring (and WebSocket) URLs of a ports file; null while the server is still writing it.</summary>
    private static (string Client, string Monitoring, string? WebSocket)? TryParsePorts(string text, bool webSocket)
    {
        try
        {
            using var json = JsonDocument.Parse(text);
            var client = json.RootElement.GetProperty("nats")[0].GetString();
            var monitoring = json.RootElement.GetProperty("monitoring")[0].GetString();
            var ws = webSocket ? json.RootElement.GetProperty("websocket")[0].GetString() : null;
            return client is null || monitoring is null || (webSocket && ws is null) ? null : (client, monitoring, ws);
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
