namespace ArchLab.Proxy.Proxies;

/// <summary>What a proxy has carried since it was created (a snapshot; counts survive disable and enable).</summary>
public sealed record ProxyCounters
{
    /// <summary>Connections accepted from clients.</summary>
    public long ConnectionsAccepted { get; init; }

    /// <summary>Connections open now (accepted and not yet closed).</summary>
    public int ConnectionsOpen { get; init; }

    /// <summary>Accepted connections closed because the upstream refused or did not answer in time.</summary>
    public long UpstreamConnectFailures { get; init; }

    /// <summary>Bytes read from clients.</summary>
    public long UpstreamBytesReceived { get; init; }

    /// <summary>Bytes written to the upstream (lower than received while toxics hold data, or after limit_data).</summary>
    public long UpstreamBytesSent { get; init; }

    /// <summary>Bytes read from the upstream.</summary>
    public long DownstreamBytesReceived { get; init; }

    /// <summary>Bytes written to clients.</summary>
    public long DownstreamBytesSent { get; init; }
}
