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

    /// <summary>Prefix of dead-letter subjects: <c>deadletter.&lt;role&gt;</c>.</summary>
    public const string DeadLetterPrefix = "deadletter";

    public static string DeadLetterFor(string role) => $"{DeadLetterPrefix}.{role}";

    /// <summary>The subject a role consumes, or null for the edge (which only publishes).</summary>
    public static string? ConsumedBy(string role) => role switch
    {
        Workflow.Roles.Inventory => OrderPlaced,
        Workflow.Roles.Payment => InventoryReserved,
        Workflow.Roles.Notify => PaymentCharged,
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

    /// <summary>The durable consumer of a role: the role's name.</summary>
    public static string ConsumerFor(string role) => role;
}
