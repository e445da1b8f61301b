using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using ArchLab.Harness.Processes;
using ArchLab.Proxy;
using ArchLab.Proxy.Proxies;

namespace ArchLab.Harness.Broker;

/// <summary>
/// A cluster of nats-server processes started by the harness on loopback: JetStream on each, a store folder each, and
/// every route between two nodes through the fault proxy (one proxy per direction), so that a node can be cut off from
/// the others, a network partition, while every process keeps running. Nodes are named <c>broker.1</c> ..
/// <c>broker.N</c>; clients get every node's URL. Disposing stops every node and the proxy.
/// </summary>
public sealed class LocalNatsCluster : IBroker
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(2) };

    private readonly IReadOnlyList<LocalNatsServer> _nodes;
    private readonly FaultProxy _routes;
    private readonly string _storeRoot;

    private LocalNatsCluster(IReadOnlyList<LocalNatsServer> nodes, FaultProxy routes, string storeRoot)
    {
        _nodes = nodes;
        _routes = routes;
        _storeRoot = storeRoot;
    }

    public string Kind => "cluster";

    /// <summary>Every node's client URL, comma-separated, as a NATS client takes them.</summary>
    public string ClientUrl => string.Join(",", _nodes.Select(n => n.ClientUrl));

    /// <summary>The first node's; <see cref="MonitoringUrls"/> has every node's.</summary>
    public string? MonitoringUrl => _nodes[0].MonitoringUrl;

    public IReadOnlyList<string> MonitoringUrls => [.. _nodes.Select(n => n.MonitoringUrl!)];

    /// <summary>Each node's monitoring endpoint with its server name (<c>n1</c> ..), as a stream's leader is named.</summary>
    public IReadOnlyList<(string Url, string? Name)> MonitoringNodes => [.. _nodes.Select((n, i) => (n.MonitoringUrl!, (string?)ServerName(i)))];

    /// <summary>The server name of node <paramref name="index"/> (0-based): <c>n1</c>...</summary>
    public static string ServerName(int index) => $"n{(index + 1).ToString(CultureInfo.InvariantCulture)}";

    public string? Version => _nodes[0].Version;

    /// <summary>Null: a cluster is several processes (<see cref="Nodes"/>).</summary>
    public int? Pid => null;

    public IReadOnlyList<LocalNatsServer> Nodes => _nodes;

    /// <summary>The name a scenario gives node <paramref name="index"/> (0-based): <c>broker.1</c>...</summary>
    public static string NodeName(int index) => $"broker.{(index + 1).ToString(CultureInfo.InvariantCulture)}";

    /// <summary>Starts <paramref name="count"/> nodes and waits until they form one cluster with a JetStream meta leader.</summary>
    public static async Task<LocalNatsCluster> StartAsync(
        string binary, string storeRoot, string logFolder, int count, CancellationToken cancellationToken, TimeSpan? syncInterval = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 2);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await StartOnceAsync(binary, storeRoot, logFolder, count, syncInterval, cancellationToken);
            }
            catch (ChildProcessException) when (attempt < StartAttempts && RoutePortTaken(logFolder, count))
            {
                // A route port is known before its node starts, so the system may hand it to another listener meanwhile
                // (seen: a node's own client port, chosen by the system, took its route port). Fresh ports, fresh stores.
                for (var i = 0; i < count; i++)
                {
                    var store = new DirectoryInfo(Path.Combine(storeRoot, NodeName(i)));
                    if (store.Exists)
                    {
                        // The directory itself may be a mount point (a lazy store): only what is in it goes.
                        foreach (var entry in store.EnumerateFileSystemInfos())
                        {
                            if (entry is DirectoryInfo directory)
                            {
                                directory.Delete(recursive: true);
                            }
                            else
                            {
                                entry.Delete();
                            }
                        }
                    }
                }
            }
        }
    }

    private const int StartAttempts = 3;

    private static bool RoutePortTaken(string logFolder, int count) =>
        Enumerable.Range(1, count).Select(i => Path.Combine(logFolder, $"nats-server.{i}.log")).Where(File.Exists)
            .Any(log => File.ReadLines(log).Any(line => line.Contains("Error listening on router port", StringComparison.Ordinal)));

    private static async Task<LocalNatsCluster> StartOnceAsync(
        string binary, string storeRoot, string logFolder, int count, TimeSpan? syncInterval, CancellationToken cancellationToken)
    {
        var ports = FreePorts(count);
        var routes = new FaultProxy();
        var nodes = new List<LocalNatsServer>();
        try
        {
            // Node i dials node j through the proxy i->j.
            var dials = new List<string>[count];
            for (var i = 0; i < count; i++)
            {
                dials[i] = [];
                for (var j = 0; j < count; j++)
                {
                    if (i != j)
                    {
                        var proxy = await routes.AddProxyAsync(new ProxyOptions { Name = RouteName(i, j), Upstream = $"127.0.0.1:{ports[j]}" }, cancellationToken);
                        dials[i].Add($"nats://127.0.0.1:{proxy.ListenEndpoint.Port}");
                    }
                }
            }

            var starting = Enumerable.Range(0, count).Select(i => LocalNatsServer.StartAsync(
                binary, Path.Combine(storeRoot, NodeName(i)), Path.Combine(logFolder, $"nats-server.{i + 1}.log"), cancellationToken,
                cluster: new ClusterNodeSpec(ServerName(i), ports[i], dials[i]), syncInterval: syncInterval)).ToList();
            try
            {
                await Task.WhenAll(starting);
            }
            finally
            {
                // The nodes that did start are stopped with the others should one fail.
                nodes.AddRange(starting.Where(t => t.IsCompletedSuccessfully).Select(t => t.Result));
            }

            var cluster = new LocalNatsCluster(nodes, routes, storeRoot);
            await cluster.WaitFormedAsync(TimeSpan.FromSeconds(30), cancellationToken);
            return cluster;
        }
        catch
        {
            foreach (var node in nodes)
            {
                await node.DisposeAsync();
            }

            await routes.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// The index of the node that leads <paramref name="stream"/> now (for an R1 stream: the node that holds it), as
    /// most of the nodes that answer see it: a node that has just restarted may still name the leader it knew before
    /// it went down. Null when no node names one.
    /// </summary>
    public async Task<int?> LeaderOfAsync(string stream, CancellationToken cancellationToken)
    {
        var votes = new Dictionary<int, int>();
        foreach (var node in _nodes)
        {
            if (await JszAsync(node, "?streams=true", cancellationToken) is not { } jsz)
            {
                continue;
            }

            foreach (var detail in Array(jsz, "account_details").SelectMany(a => Array(a, "stream_detail")))
            {
                if (detail.TryGetProperty("name", out var name) && name.GetString() == stream &&
                    detail.TryGetProperty("cluster", out var c) && c.TryGetProperty("leader", out var l) && l.GetString() is { Length: > 1 } leader &&
                    int.TryParse(leader.AsSpan(1), CultureInfo.InvariantCulture, out var number))
                {
                    votes[number - 1] = votes.GetValueOrDefault(number - 1) + 1;
                }
            }
        }

        return votes.Count == 0 ? null : votes.MaxBy(v => v.Value).Key;
    }

    /// <summary>Cuts (or restores) every route of node <paramref name="index"/>: it runs on, alone.</summary>
    public async Task SetPartitionedAsync(int index, bool partitioned, CancellationToken cancellationToken)
    {
        for (var other = 0; other < _nodes.Count; other++)
        {
            if (other != index)
            {
                await _routes.SetEnabledAsync(RouteName(index, other), !partitioned, cancellationToken);
                await _routes.SetEnabledAsync(RouteName(other, index), !partitioned, cancellationToken);
            }
        }
    }

    /// <summary>Routes each node holds now, by node (a node that does not answer: null).</summary>
    public async Task<IReadOnlyList<int?>> RoutesAsync(CancellationToken cancellationToken)
    {
        var counts = new List<int?>();
        foreach (var node in _nodes)
        {
            counts.Add(await GetAsync(node, "/routez", cancellationToken) is { } routez && routez.TryGetProperty("num_routes", out var n) ? n.GetInt32() : null);
        }

        return counts;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in _nodes)
        {
            await node.DisposeAsync();
        }

        await _routes.DisposeAsync();
        try
        {
            Directory.Delete(_storeRoot, recursive: true);
        }
        catch (IOException)
        {
            // Gone already, or a file still held: it is under the run folder.
        }
    }

    private static string RouteName(int from, int to) => $"{NodeName(from)}->{NodeName(to)}";

    private async Task WaitFormedAsync(TimeSpan limit, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + limit;
        while (true)
        {
            var routes = await RoutesAsync(cancellationToken);
            var leaders = new List<string?>();
            var peersCurrent = false;
            foreach (var node in _nodes)
            {
                var jsz = await JszAsync(node, "", cancellationToken);
                var meta = jsz is { } j && j.TryGetProperty("meta_cluster", out var m) ? m : (JsonElement?)null;
                leaders.Add(meta is { } known && known.TryGetProperty("leader", out var l) ? l.GetString() : null);
                // The leader lists the other peers of the meta group: a replicated stream is placed only on peers it
                // knows as current, and one created before they are fails with "no suitable peers for placement".
                peersCurrent |= meta is { } group && group.TryGetProperty("replicas", out var replicas) && replicas.ValueKind == JsonValueKind.Array
                    && replicas.GetArrayLength() == _nodes.Count - 1
                    && replicas.EnumerateArray().All(r => r.TryGetProperty("current", out var current) && current.GetBoolean());
            }

            if (routes.All(r => r == _nodes.Count - 1) && leaders.All(l => !string.IsNullOrEmpty(l)) && peersCurrent)
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new Processes.ChildProcessException(
                    $"the {_nodes.Count} nats-server nodes did not form a cluster within {limit.TotalSeconds:0} s (routes per node: {string.Join(", ", routes.Select(r => r?.ToString(CultureInfo.InvariantCulture) ?? "no answer"))}; " +
                    $"JetStream meta leader seen: {string.Join(", ", leaders.Select(l => l ?? "none"))}; every peer current: {(peersCurrent ? "yes" : "no")})");
            }

            await Task.Delay(100, cancellationToken);
        }
    }

    private static Task<JsonElement?> JszAsync(LocalNatsServer node, string query, CancellationToken cancellationToken) =>
        GetAsync(node, "/jsz" + query, cancellationToken);

    private static async Task<JsonElement?> GetAsync(LocalNatsServer node, string path, CancellationToken cancellationToken)
    {
        try
        {
            var text = await Http.GetStringAsync(new Uri(new Uri(node.MonitoringUrl!), path), cancellationToken);
            using var json = JsonDocument.Parse(text);
            return json.RootElement.Clone();
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException)
        {
            // A node killed, stopped or paused does not answer.
            return null;
        }
    }

    private static IEnumerable<JsonElement> Array(JsonElement element, string name) =>
        element.TryGetProperty(name, out var array) && array.ValueKind == JsonValueKind.Array ? array.EnumerateArray() : [];

    // Ports the system hands out now, for routes that must be known before any node starts; held until all are known.
    private static int[] FreePorts(int count)
    {
        var sockets = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        try
        {
            sockets.ForEach(s => s.Start());
            return [.. sockets.Select(s => ((IPEndPoint)s.LocalEndpoint).Port)];
        }
        finally
        {
            sockets.ForEach(s => s.Stop());
        }
    }
}
