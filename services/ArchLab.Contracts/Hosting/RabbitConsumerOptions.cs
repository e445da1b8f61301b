namespace ArchLab.Contracts.Hosting;

/// <summary>
/// What the roles of a <c>rabbitmq</c> arm need to know of the arm's options; the exchanges and queues themselves,
/// with their TTL, limits, delivery limit and dead-lettering, are declared by the harness before any role starts.
/// </summary>
public sealed record RabbitConsumerOptions
{
    public static RabbitConsumerOptions Default { get; } = new();

    /// <summary>Quorum queues: persistent messages and publisher confirms. False (classic): transient, unconfirmed. Default: true.</summary>
    public bool Confirms { get; init; } = true;

    /// <summary>Unacknowledged messages a consumer holds; null: the role's handler concurrency. Default: null.</summary>
    public int? Prefetch { get; init; }

    /// <summary>Deliveries of one message at most, counted by the consumer where retry queues carry it; null: unlimited. Default: null.</summary>
    public int? MaxDeliver { get; init; }

    /// <summary>Retry delays: a failed delivery n waits in retry queue <c>min(n, count)</c>; empty: requeued at once. Default: empty.</summary>
    public IReadOnlyList<TimeSpan> Backoff { get; init; } = [];

    /// <summary>Whether the queues dead-letter (a rejected message goes to the dead-letter queue rather than away). Default: true.</summary>
    public bool DeadLetter { get; init; } = true;

    /// <summary>The retry queue (0-based index of <see cref="Backoff"/>) of a delivery that failed as delivery <paramref name="delivered"/> (1 for the first).</summary>
    public int RetryIndexFor(long delivered) => (int)Math.Clamp(delivered, 1, Backoff.Count) - 1;
}
