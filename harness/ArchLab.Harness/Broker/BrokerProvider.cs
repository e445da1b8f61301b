namespace ArchLab.Harness.Broker;

/// <summary>
/// Gets a NATS server for a run, in the order of the design: <c>--nats-url</c>, then a local binary
/// (<c>ARCHLAB_NATS_SERVER</c> or PATH), then a container where a Docker engine answers.
/// </summary>
public static class BrokerProvider
{
    /// <param name="webSocket">The run's browser pages connect to the server: it needs a WebSocket listener, which only a server the harness starts has.</param>
    /// <param name="nodes">More than one: a cluster of that many local nodes (a local binary is needed).</param>
    /// <param name="syncInterval">The arm's <c>syncInterval</c> (checked against the server's version before: <see cref="BrokerFeatures"/>).</param>
    public static async Task<IBroker> StartAsync(
        BrokerOptions options, string storeDirectory, string logPath, CancellationToken cancellationToken, bool webSocket = false, int nodes = 1, TimeSpan? syncInterval = null)
    {
        if (nodes > 1)
        {
            if (webSocket)
            {
                throw new BrokerUnavailableException("browser pages (devices) need a broker of one node; this arm asks for a cluster");
            }

            if (options.ExternalUrl is not null)
            {
                throw new BrokerUnavailableException($"an arm with nodes: {nodes} starts its own cluster of nats-server processes; run without --nats-url");
            }

            return NatsServerLocator.Find(options.ServerPath) is { } clusterBinary
                ? await LocalNatsCluster.StartAsync(clusterBinary, storeDirectory, Path.GetDirectoryName(Path.GetFullPath(logPath))!, nodes, cancellationToken, syncInterval)
                : throw new BrokerUnavailableException($"a cluster of {nodes} nodes needs the nats-server binary: {NatsServerLocator.InstallHint}");
        }

        if (webSocket && options.ExternalUrl is not null)
        {
            throw new BrokerUnavailableException(
                "browser pages that are pushed their updates (devices via nats or jetstream) connect to the WebSocket listener of a nats-server " +
                "the harness starts; run without --nats-url");
        }

        if (options.ExternalUrl is { } url)
        {
            await ReachAsync(url, cancellationToken);
            return new ExternalNatsServer(url, options.ExternalMonitoringUrl, version: null);
        }

        if (NatsServerLocator.Find(options.ServerPath) is { } binary)
        {
            return await LocalNatsServer.StartAsync(binary, storeDirectory, logPath, cancellationToken, webSocket, syncInterval: syncInterval);
        }

        var noDocker = options.AllowContainer ? await DockerProbe.WhyUnavailableAsync(cancellationToken) : "containers not allowed";
        if (noDocker is null && !webSocket)
        {
            return await ContainerNatsServer.StartAsync(cancellationToken);
        }

        throw new BrokerUnavailableException(
            $"no nats-server found ({(options.ServerPath ?? Environment.GetEnvironmentVariable(NatsServerLocator.EnvironmentVariable)) switch { null or "" => "not on PATH", var p => $"not at {p}" }}; {noDocker}). " +
            $"Install it with: {NatsServerLocator.InstallHint}; or point {NatsServerLocator.EnvironmentVariable} at a binary; or pass --nats-url.");
    }

    /// <summary>Connects once to a server the user named, so that a wrong URL is an error that names it, not a failed run.</summary>
    private static async Task ReachAsync(string url, CancellationToken cancellationToken)
    {
        try
        {
            await using var nats = new NATS.Client.Core.NatsConnection(new NATS.Client.Core.NatsOpts
            {
                Url = url,
                Name = "archlab-harness-probe",
                ConnectTimeout = TimeSpan.FromSeconds(5),
            });
            await nats.ConnectAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10), cancellationToken);
        }
        catch (Exception e) when (e is NATS.Client.Core.NatsException or TimeoutException or ArgumentException or UriFormatException)
        {
            throw new BrokerUnavailableException($"cannot reach the NATS server at {url} (--nats-url): {e.Message}");
        }
    }
}

/// <summary>No NATS server could be found or started; the message says how to get one.</summary>
public sealed class BrokerUnavailableException(string message) : Exception(message);
