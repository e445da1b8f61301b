namespace ArchLab.Proxy.Proxies;

/// <summary>The live counts behind <see cref="ProxyCounters"/>, updated by every connection of a proxy.</summary>
internal sealed class TrafficCounters
{
    private long _accepted;
    private int _open;
    private long _connectFailures;

    public DirectionCounters Upstream { get; } = new();

    public DirectionCounters Downstream { get; } = new();

    public void Opened()
    {
        Interlocked.Increment(ref _accepted);
        Interlocked.Increment(ref _open);
    }

    public void Closed() => Interlocked.Decrement(ref _open);

    public void ConnectFailed() => Interlocked.Increment(ref _connectFailures);

    public ProxyCounters Snapshot() => new()
    {
        ConnectionsAccepted = Interlocked.Read(ref _accepted),
        ConnectionsOpen = Volatile.Read(ref _open),
        UpstreamConnectFailures = Interlocked.Read(ref _connectFailures),
        UpstreamBytesReceived = Upstream.BytesReceived,
        UpstreamBytesSent = Upstream.BytesSent,
        DownstreamBytesReceived = Downstream.BytesReceived,
        DownstreamBytesSent = Downstream.BytesSent,
    };
}

/// <summary>Bytes read and written in one direction.</summary>
internal sealed class DirectionCounters
{
    private long _received;
    private long _sent;

    public long BytesReceived => Interlocked.Read(ref _received);

    public long BytesSent => Interlocked.Read(ref _sent);

    public void Received(int bytes) => Interlocked.Add(ref _received, bytes);

    public void Sent(int bytes) => Interlocked.Add(ref _sent, bytes);
}
