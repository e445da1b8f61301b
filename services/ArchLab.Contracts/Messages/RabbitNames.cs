namespace ArchLab.Contracts.Messages;

/// <summary>
/// Exchange, queue and header names of the <c>rabbitmq</c> style, in the arm's own virtual host. The workflow's
/// events keep their subjects as routing keys (<see cref="Subjects.OrderPlaced"/>...), so the two broker families
/// speak of the same events; each step role consumes a queue named after it, bound to the key it consumes.
/// </summary>
public static class RabbitNames
{
    /// <summary>The direct exchange every workflow event is published to, routed by its subject.</summary>
    public const string OrdersExchange = "orders";

    /// <summary>The fanout exchange every step queue dead-letters to (rejected, past its delivery limit, expired, dropped).</summary>
    public const string DeadLetterExchange = "deadletter";

    /// <summary>The queue that keeps every dead letter of the arm.</summary>
    public const string DeadLetterQueue = "deadletter";

    /// <summary>The queue a step role consumes: its name.</summary>
    public static string QueueOf(string role) => role;

    /// <summary>
    /// The retry queue of <paramref name="role"/> for the <paramref name="index"/>-th backoff delay (0-based): a
    /// message waits there for its TTL, which dead-letters it back to the role's queue.
    /// </summary>
    public static string RetryQueue(string role, int index) => $"{role}.retry.{index + 1}";

    /// <summary>Every queue that holds an arm's work: each step's queue, followed by its <paramref name="backoffs"/> retry queues.</summary>
    public static IReadOnlyList<string> WorkQueues(int receivers, int backoffs) =>
        [.. Workflow.Roles.StepsOf(receivers).SelectMany(role => Enumerable.Range(0, backoffs).Select(i => RetryQueue(role, i)).Prepend(QueueOf(role)))];

    /// <summary>Header of a message sent through a retry queue: the deliveries it had before (its step's retries count them).</summary>
    public const string DeliveriesHeader = "archlab-deliveries";

    /// <summary>Header a quorum queue sets on a redelivered message: how many times it was returned before.</summary>
    public const string QuorumDeliveryCount = "x-delivery-count";
}
