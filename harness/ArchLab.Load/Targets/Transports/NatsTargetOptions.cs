namespace ArchLab.Load.Targets.Transports;

/// <summary>What a NATS target sends and where. Immutable: vary it with <c>with</c>.</summary>
public sealed record NatsTargetOptions
{
    /// <summary>The server, e.g. <c>nats://127.0.0.1:4222</c>.</summary>
    public required string Url { get; init; }

    /// <summary>The subject every message goes to.</summary>
    public required string Subject { get; init; }

    /// <summary>Bytes per message, at least <see cref="SeqPayload.MinSize"/>. Default: 128.</summary>
    public int PayloadBytes { get; init; } = 128;

    /// <summary>
    /// JetStream: publishes whose ack is awaited at once, at most. 1 is a publisher that waits for each ack before
    /// the next publish; more lets acks be in flight together, as an asynchronous publisher does. A call waits for
    /// room (the wait is part of its latency). Default: 1.
    /// </summary>
    public int Window { get; init; } = 1;

    /// <summary>How long a request or a publish ack may take before the client itself gives up; the load engine's
    /// own timeout should come first. Default: 30 s.</summary>
    public TimeSpan ClientTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The connection's name on the server's monitoring pages. Default: archlab-load.</summary>
    public string ConnectionName { get; init; } = "archlab-load";
}
