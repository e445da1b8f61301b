namespace ArchLab.Proxy;

/// <summary>How a <see cref="FaultProxy"/> moves bytes and draws its random numbers. Immutable: vary it with <c>with</c>.</summary>
public sealed record FaultProxyOptions
{
    /// <summary>Seed of every random draw (toxicity per connection, latency jitter, slice sizes): the same seed and the
    /// same sequence of operations give the same draws. Default: null (a different seed each time).</summary>
    public int? Seed { get; init; }

    /// <summary>Bytes read from a socket at most at once, in bytes. Buffers are pooled and held only while data is
    /// there to move, so an idle connection holds none. Default: 64 KiB.</summary>
    public int BufferSize { get; init; } = 64 * 1024;

    /// <summary>Chunks a direction of a connection holds at most while toxics delay them; past that the proxy stops
    /// reading and TCP flow control pushes back on the sender, as with a slow link. Default: 256.</summary>
    public int QueuedChunks { get; init; } = 256;

    /// <summary>How long a new connection waits for its upstream to accept before the client is closed. Default: 5 s.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(5);

    internal void Validate()
    {
        if (BufferSize < 1024)
        {
            throw new ArgumentOutOfRangeException(nameof(BufferSize), BufferSize, "at least 1024 bytes");
        }

        if (QueuedChunks < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(QueuedChunks), QueuedChunks, "at least 1");
        }

        if (ConnectTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(ConnectTimeout), ConnectTimeout, "must be positive");
        }
    }
}
