namespace ArchLab.Contracts.Workflow;

/// <summary>
/// The transports of the transport-baseline scenario: no workflow, the caller speaks one transport straight to a
/// no-op <see cref="SinkRole"/>, so the round trip and the throughput are the transport's own. Every message body
/// starts with the caller's sequence number (8 bytes, little-endian), so a sink can say which messages it received.
/// </summary>
public static class Transports
{
    /// <summary>HTTP/1.1 POST of a JSON body, answered 200 with a small JSON body.</summary>
    public const string Http = "http";

    /// <summary>gRPC unary call (cleartext HTTP/2) to a no-op method.</summary>
    public const string Grpc = "grpc";

    /// <summary>Core NATS request, answered by the sink's subscription.</summary>
    public const string NatsRequest = "nats-request";

    /// <summary>Core NATS publish, fire and forget; the sink's subscription counts what arrives.</summary>
    public const string NatsPublish = "nats-publish";

    /// <summary>JetStream publish, one ack awaited before the next publish.</summary>
    public const string JetStreamSync = "jetstream-sync";

    /// <summary>JetStream publish with many acks in flight (a window).</summary>
    public const string JetStreamAsync = "jetstream-async";

    /// <summary>RabbitMQ publish to a quorum queue with publisher confirms, many confirms in flight on one channel.</summary>
    public const string RabbitPublish = "rabbitmq-publish";

    /// <summary>RabbitMQ request-reply over direct reply-to, answered by the sink's consumer.</summary>
    public const string RabbitRpc = "rabbitmq-rpc";

    /// <summary>Every transport, in the order the scenario shows them.</summary>
    public static IReadOnlyList<string> All { get; } = [Http, Grpc, NatsRequest, NatsPublish, JetStreamSync, JetStreamAsync, RabbitPublish, RabbitRpc];

    /// <summary>The role of the no-op responder; it runs with the arm's transport as its style.</summary>
    public const string SinkRole = "sink";

    /// <summary>Whether the transport needs a NATS server.</summary>
    public static bool NeedsBroker(string transport) => transport is NatsRequest or NatsPublish or JetStreamSync or JetStreamAsync;

    /// <summary>Whether the transport needs a RabbitMQ node.</summary>
    public static bool NeedsRabbit(string transport) => transport is RabbitPublish or RabbitRpc;

    /// <summary>Whether the sink counts what arrives by sequence number (fire-and-forget and confirmed publishes).</summary>
    public static bool CountsReceipts(string transport) => transport is NatsPublish or RabbitPublish;

    /// <summary>Whether the transport publishes to a JetStream stream.</summary>
    public static bool IsJetStream(string transport) => transport is JetStreamSync or JetStreamAsync;

    /// <summary>Subject of the sink's request responder.</summary>
    public const string RequestSubject = "transport.request";

    /// <summary>Subject the sink counts core NATS publishes on.</summary>
    public const string PublishSubject = "transport.publish";

    /// <summary>Subject of the JetStream stream the sink creates.</summary>
    public const string JetStreamSubject = "transport.stream";

    /// <summary>The stream the sink creates on <see cref="JetStreamSubject"/>.</summary>
    public const string StreamName = "TRANSPORT";

    /// <summary>The quorum queue the RabbitMQ sink declares and counts publishes from.</summary>
    public const string RabbitPublishQueue = "transport.publish";

    /// <summary>The queue the RabbitMQ sink answers requests on (classic, not durable: a request outlives no broker).</summary>
    public const string RabbitRequestQueue = "transport.request";

    /// <summary>The HTTP sink's no-op endpoint (POST).</summary>
    public const string HttpPath = "/noop";

    /// <summary>The publish sinks' record of received sequence numbers (GET): a bitset, bit n set when message n arrived.</summary>
    public const string ReceivedPath = "/_archlab/received";
}
