namespace ArchLab.Contracts.Workflow;

/// <summary>How the services talk to each other. The caller always speaks HTTP to the edge.</summary>
public static class Styles
{
    /// <summary>Synchronous chain of JSON calls over HTTP/1.1 (ASP.NET Core minimal APIs).</summary>
    public const string Rest = "rest";

    /// <summary>Synchronous chain of gRPC unary calls over HTTP/2 without TLS.</summary>
    public const string Grpc = "grpc";

    /// <summary>The edge publishes to a JetStream stream and answers on the publish ack; durable consumers do the rest.</summary>
    public const string JetStream = "jetstream";

    /// <summary>Core NATS publish/subscribe: the edge answers once its publish reached the server; nothing is kept.</summary>
    public const string NatsCore = "nats-core";

    /// <summary>
    /// Core NATS request-reply: the edge requests each step in turn (queue groups, one replier per request) and
    /// answers the caller when the chain is done, as REST does, with a broker in the middle.
    /// </summary>
    public const string NatsRequest = "nats-request";

    /// <summary>
    /// Every role in one process, handing orders on through bounded in-process channels (System.Threading.Channels):
    /// no broker, no network between the steps. The edge answers once the order is in the first step's channel, or,
    /// with the arm option <c>answer: completion</c>, when the whole chain is done.
    /// </summary>
    public const string InProc = "inproc";

    /// <summary>
    /// The edge publishes to a RabbitMQ queue and answers on the publisher confirm; each step consumes its own queue
    /// (manual acks, a prefetch window) and publishes the next step's message before it acknowledges its own.
    /// </summary>
    public const string RabbitMq = "rabbitmq";

    /// <summary>Every style this version runs.</summary>
    public static IReadOnlyList<string> All { get; } = [Rest, Grpc, JetStream, NatsCore, NatsRequest, InProc, RabbitMq];

    /// <summary>Whether the style needs a RabbitMQ node.</summary>
    public static bool NeedsRabbit(string style) => style == RabbitMq;

    /// <summary>Whether the style needs a NATS server.</summary>
    public static bool NeedsBroker(string style) => style is JetStream or NatsCore or NatsRequest;

    /// <summary>Whether the style keeps messages in a JetStream stream (and so needs the stream topology).</summary>
    public static bool NeedsStream(string style) => style == JetStream;

    /// <summary>
    /// Whether the caller's answer means the whole workflow is done (synchronous styles). <see cref="InProc"/> answers
    /// on acceptance unless its arm asks for completion: an arm's own answer is the harness's <c>ArmSpec.AnswersOnCompletion</c>.
    /// </summary>
    public static bool AnswersOnCompletion(string style) => style is Rest or Grpc or NatsRequest;

    /// <summary>Whether the edge calls each fan-out receiver itself (so it is configured with each), rather than publishing once.</summary>
    public static bool CallsEachReceiver(string style) => style is Rest or Grpc or NatsRequest;

    /// <summary>Whether the edge dials each step itself (so it must be told where they listen), rather than going through the broker.</summary>
    public static bool CallsStepsDirectly(string style) => style is Rest or Grpc;

    /// <summary>Whether every role of the style runs inside the edge's one process (so a process fault on any role hits them all).</summary>
    public static bool InOneProcess(string style) => style == InProc;
}
