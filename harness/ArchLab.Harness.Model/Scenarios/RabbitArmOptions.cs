using ArchLab.Harness.Model.Scenarios.Loading;

namespace ArchLab.Harness.Model.Scenarios;

/// <summary>The kind of queue a <c>rabbitmq</c> arm's steps consume from.</summary>
public enum RabbitQueueType
{
    /// <summary>Durable quorum queues (raft, written to disk), persistent messages, publisher confirms: the at-least-once end.</summary>
    Quorum,

    /// <summary>Non-durable classic queues, transient messages, no publisher confirms: the at-most-once end.</summary>
    Classic,
}

/// <summary>
/// Queue and consumer options of a <c>rabbitmq</c> arm. The fields the lab already has for JetStream mean the same
/// here and map to the broker's own features: <c>maxAge</c> is the queue's <c>x-message-ttl</c>, <c>maxMsgs</c> its
/// <c>x-max-length</c> with <c>discard</c> as its <c>x-overflow</c> (<c>old</c>: drop-head, <c>new</c>: reject-publish),
/// <c>maxDeliver</c> a quorum queue's <c>x-delivery-limit</c>, <c>deadLetter</c> a dead-letter exchange, <c>backoff</c>
/// retry queues whose TTL dead-letters a message back to its step.
/// </summary>
public sealed record RabbitArmOptions
{
    public static RabbitArmOptions Default { get; } = new();

    /// <summary><c>queue: quorum | classic</c>. Default: quorum.</summary>
    public RabbitQueueType Queue { get; init; } = RabbitQueueType.Quorum;

    /// <summary><c>x-message-ttl</c> of every step's queue; zero: none. Expiry happens only at the head of a queue. Default: 0.</summary>
    public TimeSpan MaxAge { get; init; }

    /// <summary><c>x-max-length</c> of every step's queue; null: no limit. Default: null.</summary>
    public long? MaxMsgs { get; init; }

    /// <summary>What a full queue does with a new message (<c>x-overflow</c>): old drops the head, new rejects the publish. Default: old.</summary>
    public StreamDiscard Discard { get; init; } = StreamDiscard.Old;

    /// <summary>Deliveries of one message at most (a quorum queue's <c>x-delivery-limit</c> counts redeliveries); null: unlimited. Default: null.</summary>
    public int? MaxDeliver { get; init; }

    /// <summary>
    /// Retries through retry queues: a failed delivery n goes to the queue whose TTL is <c>Backoff[n-1]</c> (the last
    /// repeats) and comes back to its step when that TTL dead-letters it; empty: a failed delivery is requeued at once. Default: empty.
    /// </summary>
    public IReadOnlyList<TimeSpan> Backoff { get; init; } = new ValueList<TimeSpan>([]);

    /// <summary>Unacknowledged messages a consumer may hold (<c>basic.qos</c> prefetch). Default: the step's workers.</summary>
    public int? Prefetch { get; init; }

    /// <summary>Consumers keep an inbox of done orders: a redelivery is acknowledged without running the step again. Default: false.</summary>
    public bool Idempotent { get; init; }

    /// <summary>Dead-letter malformed messages, those past <see cref="MaxDeliver"/>, expired and dropped ones, to a dead-letter exchange and its queue. Default: true.</summary>
    public bool DeadLetter { get; init; } = true;
}
