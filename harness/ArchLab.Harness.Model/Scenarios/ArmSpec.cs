using ArchLab.Contracts.Hosting;
using ArchLab.Contracts.Workflow;
using ArchLab.Harness.Model.Scenarios.Loading;

namespace ArchLab.Harness.Model.Scenarios;

/// <summary>One variant of a scenario: a style plus its options.</summary>
/// <param name="Name">The arm's name, unique in the scenario (e.g. <c>jetstream-ttl</c>).</param>
/// <param name="Style">One of <see cref="ArchLab.Contracts.Workflow.Styles.All"/>.</param>
public sealed record ArmSpec(string Name, string Style)
{
    /// <summary>Synchronous styles: total timeout of each call from one service to the next, retries included. Default: 30s.</summary>
    public TimeSpan CallTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Whether the roles write the ledger. Off only to measure what the ledger costs: without it nothing can
    /// be checked, so delivery and completion figures become null. Default: true.
    /// </summary>
    public bool Ledger { get; init; } = true;

    /// <summary>Whether the roles record spans, and whether they pass the trace on. Default: off.</summary>
    public TracingMode Tracing { get; init; } = TracingMode.Off;

    /// <summary>Messaging styles: nats-server processes of the arm's broker, one cluster when more than one. Default: 1.</summary>
    public int Nodes { get; init; } = 1;

    /// <summary>Browser pages that follow the arm's orders; null: none (the default).</summary>
    public DevicesSpec? Devices { get; init; }

    /// <summary>REST: retries, attempt timeout, circuit breaker and idempotency key of the edge's calls. Default: none of them.</summary>
    public CallResilience Resilience { get; init; } = CallResilience.None;

    /// <summary>Options of a <c>rabbitmq</c> arm; null for other styles.</summary>
    public RabbitArmOptions? RabbitMq { get; init; }

    /// <summary>JetStream options; null for other styles.</summary>
    public JetStreamArmOptions? JetStream { get; init; }

    /// <summary>REST, gRPC and request-reply: whether the edge calls the receivers one after the other or all at once. Default: sequential.</summary>
    public FanOutMode FanOut { get; init; } = FanOutMode.Sequential;

    /// <summary>Receivers of this arm when a sweep sets them; null: the workflow's.</summary>
    public int? Receivers { get; init; }

    /// <summary>The point of a <c>sweep:</c> this arm runs (the declared arm and the swept value); null when nothing is swept.</summary>
    public SweepPoint? Sweep { get; init; }

    /// <summary>Transport arms (transport-baseline): the transport and its options; null for workflow arms.</summary>
    public TransportArmOptions? Transport { get; init; }

    /// <summary>The arm's own load (its <c>load:</c> merged over the scenario's); null: the scenario's load. Transport arms only.</summary>
    public LoadSpec? Load { get; init; }

    /// <summary>
    /// Step costs of this arm, by role, over the workflow's: a role listed here costs this in this arm, the others
    /// what <c>workflow.steps</c> says. Null: the workflow's for every role. How arms of one scenario compare
    /// different queues (one worker against three, exponential against fixed).
    /// </summary>
    public IReadOnlyDictionary<string, StepCost>? Steps { get; init; }

    /// <summary>In-process options; null for other styles.</summary>
    public InProcArmOptions? InProc { get; init; }

    /// <summary>Whether the caller's answer means the whole workflow is done: the synchronous styles, and <c>inproc</c> with <c>answer: completion</c>.</summary>
    public bool AnswersOnCompletion => Style == ArchLab.Contracts.Workflow.Styles.InProc
        ? InProc?.AnswerOnCompletion == true
        : ArchLab.Contracts.Workflow.Styles.AnswersOnCompletion(Style);

    /// <summary>Whether the step roles keep an inbox: <c>idempotencyKey</c> (rest) or <c>idempotent</c> (jetstream).</summary>
    public bool Idempotent => Resilience.IdempotencyKey || JetStream?.Idempotent == true || RabbitMq?.Idempotent == true;

    /// <summary>Whether the arm needs the run's RabbitMQ node.</summary>
    public bool NeedsRabbitMq => Transport is { } transport
        ? ArchLab.Contracts.Workflow.Transports.NeedsRabbit(transport.Transport)
        : ArchLab.Contracts.Workflow.Styles.NeedsRabbit(Style);
}

/// <summary>Options of an <c>inproc</c> arm.</summary>
/// <param name="AnswerOnCompletion">The edge answers when the last step is done (<c>answer: completion</c>), not once the order is in the first channel (<c>answer: accepted</c>). Default: false.</param>
/// <param name="Queue">Orders each step's channel holds at most; a full first channel is an answered 503. Default: 10000.</param>
public sealed record InProcArmOptions(bool AnswerOnCompletion = false, int Queue = ArchLab.Contracts.Hosting.InProcOptions.DefaultQueue)
{
    public static InProcArmOptions Default { get; } = new();
}

/// <summary>What an arm traces.</summary>
public enum TracingMode
{
    /// <summary>No spans at all.</summary>
    Off,

    /// <summary>Every role records spans and passes the trace on: the caller's trace reaches the last step.</summary>
    On,

    /// <summary>Every role records spans, but none writes the context into what it sends: each hop starts a new trace.</summary>
    Unpropagated,
}

/// <summary>Where JetStream keeps the stream.</summary>
public enum StreamStorage
{
    File,
    Memory,
}

/// <summary>What a full stream does with a new message.</summary>
public enum StreamDiscard
{
    /// <summary>Drops the oldest messages to make room.</summary>
    Old,

    /// <summary>Refuses the new message: the publisher gets an error.</summary>
    New,
}

/// <summary>Stream and consumer options of a <c>jetstream</c> arm.</summary>
/// <param name="Storage">File or memory storage. Default: file.</param>
/// <param name="MaxAge">Stream <c>max_age</c>, the TTL of a message; zero means kept until acknowledged by all. Default: 0.</param>
/// <param name="AckWait">How long a consumer has to ack before redelivery; with a backoff, nats-server uses the backoff instead. Default: 30s.</param>
/// <param name="MaxAckPending">Unacknowledged messages a consumer may hold. Default: 1000.</param>
public sealed record JetStreamArmOptions(
    StreamStorage Storage = StreamStorage.File,
    TimeSpan MaxAge = default,
    TimeSpan? AckWait = null,
    int MaxAckPending = 1000)
{
    public static JetStreamArmOptions Default { get; } = new();

    /// <summary>The effective ack wait (30s unless set).</summary>
    public TimeSpan EffectiveAckWait => AckWait ?? TimeSpan.FromSeconds(30);

    /// <summary>Stream <c>max_msgs</c>; null: no limit. Default: null.</summary>
    public long? MaxMsgs { get; init; }

    /// <summary>Stream <c>max_bytes</c>; null: no limit. Default: null.</summary>
    public ByteSize? MaxBytes { get; init; }

    /// <summary>What a stream at its limit does with a new message. Default: old.</summary>
    public StreamDiscard Discard { get; init; } = StreamDiscard.Old;

    /// <summary>Consumer <c>max_deliver</c>: deliveries of one message at most; null: unlimited. Default: null.</summary>
    public int? MaxDeliver { get; init; }

    /// <summary>
    /// Consumer <c>backoff</c>: the ack wait of delivery n is <c>Backoff[n-1]</c> (the last repeats), and a failed
    /// delivery is nak'd with that delay; empty: none. nats-server 2.9 needs <see cref="MaxDeliver"/> above its length. Default: empty.
    /// </summary>
    public IReadOnlyList<TimeSpan> Backoff { get; init; } = new ValueList<TimeSpan>([]);

    /// <summary>Publish with <c>Nats-Msg-Id</c> so the stream stores a republished message once. Default: true.</summary>
    public bool Dedupe { get; init; } = true;

    /// <summary>Consumers keep an inbox of done orders: a redelivery is acked without running the step again. Default: false.</summary>
    public bool Idempotent { get; init; }

    /// <summary>Copy malformed messages and those past max deliveries to <c>deadletter.&lt;role&gt;</c>. Default: true.</summary>
    public bool DeadLetter { get; init; } = true;

    /// <summary>Copies of the stream, on as many broker nodes (at most the arm's <c>nodes</c>). Default: 1.</summary>
    public int Replicas { get; init; } = 1;

    /// <summary>
    /// Under a power-loss fault: what the kernel had written back of the broker's store on its own, changes older than
    /// this (Linux's <c>dirty_expire_centisecs</c>, 30 s); zero: only fsync persists. Default: 30 s.
    /// </summary>
    public TimeSpan Writeback { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// What a power-loss fault does to this arm's broker: false (<c>powerLoss: lose</c>, the default) takes back what was
    /// not durable; true (<c>powerLoss: kill</c>) only kills the process, the page cache keeping every write, as a plain
    /// kill does: the arm beside the others that shows the difference.
    /// </summary>
    public bool PowerLossKeepsCache { get; init; }

    /// <summary>
    /// The broker's own sync policy, nats-server's <c>sync_interval</c> (2.10 and later): how often it fsyncs its
    /// store, <see cref="TimeSpan.Zero"/> for <c>always</c> (every write before it is acknowledged). Null: the server's
    /// default (2 minutes in 2.10; 2.9 syncs open blocks every 60 s and has no such setting).
    /// </summary>
    public TimeSpan? SyncInterval { get; init; }
}
