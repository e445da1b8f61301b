using ArchLab.Contracts.Workflow;

namespace ArchLab.Contracts.Hosting;

/// <summary>
/// Everything a service host needs to run one role in one style. The harness writes it as JSON and
/// starts the host with <c>--config &lt;file&gt;</c>.
/// </summary>
public sealed record ServiceOptions
{
    /// <summary>One of <see cref="Roles.AllOf"/> for the workflow's receivers.</summary>
    public required string Role { get; init; }

    /// <summary>One of <see cref="Styles.All"/>.</summary>
    public required string Style { get; init; }

    /// <summary>File the role appends its effects to; null runs without a ledger (to measure the ledger's cost).</summary>
    public string? LedgerPath { get; init; }

    /// <summary>Port to listen on, on <see cref="Host"/>; 0 lets the system choose (reported in the ready line).</summary>
    public int Port { get; init; }

    /// <summary>
    /// The address to listen on: loopback, unless a load agent on another host runs the role (<c>run --place</c>) and
    /// says where its callers reach it. Default: <c>127.0.0.1</c>.
    /// </summary>
    public string Host { get; init; } = "127.0.0.1";

    /// <summary>The role's cost model.</summary>
    public StepCost Cost { get; init; } = StepCost.Free;

    /// <summary>Seed of the role's service-time draws and of its injected errors.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Synchronous styles: base address of each downstream role, e.g. <c>inventory -> http://127.0.0.1:41234</c>.</summary>
    public IReadOnlyDictionary<string, string> Downstream { get; init; } = new Dictionary<string, string>();

    /// <summary>How many fan-out receivers the workflow has (<see cref="Roles.Receivers"/>). Default: 1.</summary>
    public int Receivers { get; init; } = 1;

    /// <summary>An edge that calls each receiver itself: one after the other or all at once. Default: sequential.</summary>
    public FanOutMode FanOut { get; init; } = FanOutMode.Sequential;

    /// <summary>Synchronous styles: total timeout of each downstream call, every attempt included. Default: 30s.</summary>
    public TimeSpan CallTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>REST edge: retries, attempt timeout, circuit breaker and idempotency key of its calls. Default: none.</summary>
    public CallResilience Resilience { get; init; } = CallResilience.None;

    /// <summary>
    /// Step roles keep an inbox of the orders whose effect they wrote (rebuilt from their ledger at start-up):
    /// REST answers a request whose <c>Idempotency-Key</c> was done already without running the step again;
    /// a JetStream consumer acks a redelivery of a done order without running it. Default: false (naive).
    /// </summary>
    public bool Idempotent { get; init; }

    /// <summary>JetStream roles: backoff of failed deliveries, message-id dedupe, dead letters. Default: <see cref="JetStreamConsumerOptions.Default"/>.</summary>
    public JetStreamConsumerOptions JetStream { get; init; } = JetStreamConsumerOptions.Default;

    /// <summary>The <c>inproc</c> edge: the step roles it runs in its own process, and how it answers; null for every other role and style.</summary>
    public InProcOptions? InProc { get; init; }

    /// <summary>Messaging styles: the NATS server, e.g. <c>nats://127.0.0.1:4222</c>.</summary>
    public string? NatsUrl { get; init; }

    /// <summary>The <c>rabbitmq</c> style: what its roles need of the arm's options. Default: quorum queues, confirms.</summary>
    public RabbitConsumerOptions RabbitMq { get; init; } = RabbitConsumerOptions.Default;

    /// <summary>RabbitMQ styles: the broker and virtual host, e.g. <c>amqp://guest:guest@127.0.0.1:5672/</c>.</summary>
    public string? RabbitUrl { get; init; }

    /// <summary>Messaging styles: how many messages a consumer handles at once. Default: the step's workers, or 256 when unbounded.</summary>
    public int? Concurrency { get; init; }

    /// <summary><see cref="Concurrency"/> as it applies: the configured value, else the step's workers, else 256.</summary>
    public int HandlerConcurrency => Concurrency ?? HandlersFor(Cost.Workers);

    /// <summary>The handlers of a messaging consumer whose step has <paramref name="workers"/> workers (0: unbounded, so 256).</summary>
    public static int HandlersFor(int workers) => workers > 0 ? workers : 256;

    /// <summary>
    /// The edge keeps a read model of its orders and answers <c>GET /orders/{id}</c>: written in the request path by
    /// the styles whose answer means done, fed by the receivers' completion events in the others (each receiver
    /// announces its effect on <c>completed.&lt;role&gt;</c>). Default: false.
    /// </summary>
    public bool ReadModel { get; init; }

    /// <summary>
    /// Pages that follow the orders through the broker (cross-device): the first receiver publishes each order it
    /// completes on <c>devices.&lt;seq mod DevicePages&gt;</c>. 0: no page listens, nothing is published (the default).
    /// </summary>
    public int DevicePages { get; init; }

    /// <summary>Spans of the role's work, sent to a collector; null traces nothing (the default).</summary>
    public TracingOptions? Tracing { get; init; }

    /// <summary>Exit when standard input closes: the harness holds the other end, so its death ends the role.</summary>
    public bool ExitWhenParentGone { get; init; } = true;
}
