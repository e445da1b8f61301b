namespace ArchLab.Contracts.Messages;

/// <summary>Stream, subject and consumer names of the messaging styles.</summary>
public static class Subjects
{
    /// <summary>The stream that carries the workflow's events.</summary>
    public const string OrdersStream = "ORDERS";

    /// <summary>The stream that keeps what could not be processed.</summary>
    public const string DeadLetterStream = "DEADLETTER";

    public const string OrderPlaced = "orders.placed";
    public const string InventoryReserved = "orders.inventory.reserved";
    public const string PaymentCharged = "orders.payment.charged";

    /// <summary>Everything the orders stream captures.</summary>
    public const string OrdersWildcard = "orders.>";

    /// <summary>
    /// Prefix of the nats-core style's subjects (<c>core.orders.placed</c>...): outside <see cref="OrdersWildcard"/>,
    /// so that no stream ever keeps what that style publishes, whatever else runs on the server.
    /// </summary>
    public const string CorePrefix = "core";

    /// <summary>
    /// Prefix of the nats-request style's subjects, one per step (<c>steps.inventory</c>...), like REST's
    /// <c>/steps/{role}</c>: outside <see cref="OrdersWildcard"/> too, so no stream ever answers a request.
    /// </summary>
    public const string StepRequestPrefix = "steps";

    /// <summary>Header of a nats-request reply whose step failed: why. A reply without it is a done step.</summary>
    public const string StepFailedHeader = "ArchLab-Step-Failed";

    /// <summary>
    /// Header of a nats-request request: when the edge stops waiting, in <c>Stopwatch.GetTimestamp()</c> ticks (the
    /// machine's monotonic clock, shared by the processes of a run). A request still queued for a worker past it is
    /// dropped, as REST drops a queued request whose caller hung up.
    /// </summary>
    public const string DeadlineHeader = "ArchLab-Deadline";

    /// <summary>Prefix of dead-letter subjects: <c>deadletter.&lt;role&gt;</c>.</summary>
    public const string DeadLetterPrefix = "deadletter";

    /// <summary>Headers of a dead letter: why, and where the message came from.</summary>
    public const string ReasonHeader = "ArchLab-Reason";
    public const string SourceSubjectHeader = "ArchLab-Source-Subject";
    public const string SourceSequenceHeader = "ArchLab-Source-Sequence";
    public const string DeliveriesHeader = "ArchLab-Deliveries";

    /// <summary>
    /// Prefix of the completion events a fan-out receiver publishes after its effect when the edge keeps a read
    /// model (<c>completed.&lt;role&gt;</c>): outside <see cref="OrdersWildcard"/>, so no stream keeps them, and core
    /// NATS in every messaging style, as a projection's feed that a restart of the edge does not replay.
    /// </summary>
    public const string CompletedPrefix = "completed";

    /// <summary>Every completion event, for the edge's read model.</summary>
    public const string CompletedWildcard = "completed.>";

    /// <summary>The subject a receiver announces its effect on: <c>completed.&lt;role&gt;</c>.</summary>
    public static string CompletedBy(string role) => $"{CompletedPrefix}.{role}";

    /// <summary>
    /// Prefix of the updates that reach the devices (browser pages) that follow the orders: the first receiver publishes
    /// <c>devices.&lt;page&gt;</c> with the order id once its effect is written, core NATS; a page subscribes to its own
    /// subject over the broker's WebSocket listener, or follows it in <see cref="DevicesStream"/> where the arm keeps one.
    /// </summary>
    public const string DevicesPrefix = "devices";

    /// <summary>The stream that keeps the device updates for pages that read them with a JetStream consumer.</summary>
    public const string DevicesStream = "DEVICES";

    /// <summary>The subject of page <paramref name="page"/>'s updates.</summary>
    public static string DeviceUpdates(int page) => $"{DevicesPrefix}.{page}";

    public static string DeadLetterFor(string role) => $"{DeadLetterPrefix}.{role}";

    /// <summary>The nats-core subject of a workflow subject: <c>orders.placed</c> -> <c>core.orders.placed</c>.</summary>
    public static string Core(string subject) => $"{CorePrefix}.{subject}";

    /// <summary>The nats-request subject a step role answers on: <c>steps.&lt;role&gt;</c>.</summary>
    public static string StepRequest(string role) => $"{StepRequestPrefix}.{role}";

    /// <summary>The subject a role consumes, or null for the edge (which only publishes).</summary>
    public static string? ConsumedBy(string role) => role switch
    {
        Workflow.Roles.Inventory => OrderPlaced,
        Workflow.Roles.Payment => InventoryReserved,
        _ when Workflow.Roles.IsReceiver(role) => PaymentCharged,
        _ => null,
    };

    /// <summary>The subject a role publishes once its step is done, or null for the last step.</summary>
    public static string? PublishedBy(string role) => role switch
    {
        Workflow.Roles.Edge => OrderPlaced,
        Workflow.Roles.Inventory => InventoryReserved,
        Workflow.Roles.Payment => PaymentCharged,
        _ => null,
    };

    /// <summary>The durable consumer of a role: the role's name, with <c>notify.k</c> as <c>notify-k</c> (a consumer name has no dots).</summary>
    public static string ConsumerFor(string role) => role.Replace('.', '-');

    /// <summary>The advisory nats-server publishes when a message of the consumer has reached its max deliveries.</summary>
    public static string MaxDeliveriesAdvisory(string consumer) => $"$JS.EVENT.ADVISORY.CONSUMER.MAX_DELIVERIES.{OrdersStream}.{consumer}";
}
