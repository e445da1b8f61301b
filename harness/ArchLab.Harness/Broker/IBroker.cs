namespace ArchLab.Harness.Broker;

/// <summary>A NATS server a run talks to: started by the harness, in a container, or external.</summary>
public interface IBroker : IAsyncDisposable
{
    /// <summary>What kind: <c>local</c> (child process), <c>container</c> or <c>external</c>.</summary>
    string Kind { get; }

    /// <summary>Client URL, e.g. <c>nats://127.0.0.1:41234</c>.</summary>
    string ClientUrl { get; }

    /// <summary>Monitoring endpoint, e.g. <c>http://127.0.0.1:41235</c>; null when unknown (external without one).</summary>
    string? MonitoringUrl { get; }

    /// <summary>The server's version as it reports it (<c>2.9.10</c>).</summary>
    string? Version { get; }

    /// <summary>Process id when the harness owns the process (signals, resources); null otherwise.</summary>
    int? Pid { get; }

    /// <summary>The WebSocket listener browser pages connect to (<c>ws://127.0.0.1:41236</c>); null when the server has none.</summary>
    string? WebSocketUrl => null;
}

/// <summary>Where to find a NATS server.</summary>
/// <param name="ExternalUrl"><c>--nats-url</c>: use this server and start none.</param>
/// <param name="ExternalMonitoringUrl">Its monitoring endpoint, if it has one.</param>
/// <param name="ServerPath">Explicit nats-server binary; else <c>ARCHLAB_NATS_SERVER</c>, else PATH.</param>
/// <param name="AllowContainer">Try Testcontainers when no binary is found and a Docker engine answers.</param>
public sealed record BrokerOptions(
    string? ExternalUrl = null,
    string? ExternalMonitoringUrl = null,
    string? ServerPath = null,
    bool AllowContainer = true);
