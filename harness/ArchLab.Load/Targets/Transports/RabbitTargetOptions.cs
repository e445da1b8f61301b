namespace ArchLab.Load.Targets.Transports;

/// <summary>What a RabbitMQ target sends and where. Immutable: vary it with <c>with</c>.</summary>
public sealed record RabbitTargetOptions
{
    /// <summary>The broker and virtual host, e.g. <c>amqp://guest:guest@127.0.0.1:5672/</c>.</summary>
    public required Uri Url { get; init; }

    /// <summary>The queue every message is routed to (through the default exchange).</summary>
    public required string Queue { get; init; }

    /// <summary>Bytes per message, at least <see cref="SeqPayload.MinSize"/>. Default: 128.</summary>
    public int PayloadBytes { get; init; } = 128;

    /// <summary>The connection's name on the broker. Default: archlab-load.</summary>
    public string ConnectionName { get; init; } = "archlab-load";
}
