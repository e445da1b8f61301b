using System.Text.Json;
using ArchLab.Contracts.Messages;
using ArchLab.Contracts.Workflow;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace ArchLab.Harness.Rabbit;

/// <summary>
/// What an arm's queues hold once its roles have stopped, read message by message: the dead-letter queue's orders,
/// so the checker accounts for them instead of calling them lost, and the orders still waiting in a step's queue
/// (or a retry queue), which are pending, not lost. Read with <c>basic.get</c> without acknowledging: closing the
/// channel puts every message back, so a reading changes nothing.
/// </summary>
public static class RabbitBooks
{
    /// <summary>Above this many messages the held orders are not read one by one: every incomplete order counts as held.</summary>
    public const long MaxHeldRead = 100_000;

    /// <summary>
    /// The orders dead-lettered for a reason other than their TTL (rejected: malformed, out of deliveries, past the
    /// delivery limit; dropped by a full queue). A message that expired is dead-lettered too, but the order expired: it
    /// is left to the books' TTL class, as a message a stream's <c>max_age</c> removed is.
    /// </summary>
    public static async Task<HashSet<OrderId>> DeadLetteredAsync(Uri url, CancellationToken cancellationToken) =>
        await OrdersInAsync(url, [RabbitNames.DeadLetterQueue], long.MaxValue, cancellationToken, message => ReasonOf(message) != "expired") ?? [];

    /// <summary>Why the broker dead-lettered a message: the first <c>x-death</c> entry's reason (expired, rejected, maxlen, delivery_limit).</summary>
    public static string? ReasonOf(IReadOnlyBasicProperties properties) =>
        properties.Headers?.TryGetValue("x-death", out var deaths) == true && deaths is IList<object> { Count: > 0 } list &&
        list[0] is IDictionary<string, object?> first && first.TryGetValue("reason", out var reason)
            ? reason switch
            {
                byte[] bytes => System.Text.Encoding.UTF8.GetString(bytes),
                string text => text,
                _ => null,
            }
            : null;

    /// <summary>The orders the step and retry queues still hold a message of; null where they hold more than <see cref="MaxHeldRead"/>.</summary>
    public static Task<HashSet<OrderId>?> HeldAsync(Uri url, int receivers, int backoffs, CancellationToken cancellationToken) =>
        OrdersInAsync(url, RabbitNames.WorkQueues(receivers, backoffs), MaxHeldRead, cancellationToken);

    /// <summary>Messages ready in the step queues (a passive declare each): the backlog the broker reports.</summary>
    public static async Task<long> ReadyAsync(Uri url, int receivers, CancellationToken cancellationToken)
    {
        await using var connection = await Connect(url, cancellationToken);
        await using var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
        long ready = 0;
        foreach (var role in Roles.StepsOf(receivers))
        {
            ready += (await channel.QueueDeclarePassiveAsync(RabbitNames.QueueOf(role), cancellationToken)).MessageCount;
        }

        return ready;
    }

    private static async Task<HashSet<OrderId>?> OrdersInAsync(
        Uri url, IReadOnlyList<string> queues, long max, CancellationToken cancellationToken, Func<IReadOnlyBasicProperties, bool>? counts = null)
    {
        var ids = new HashSet<OrderId>();
        await using var connection = await Connect(url, cancellationToken);
        long read = 0;
        foreach (var queue in queues)
        {
            await using var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
            try
            {
                while (await channel.BasicGetAsync(queue, autoAck: false, cancellationToken) is { } message)
                {
                    if (++read > max)
                    {
                        return null;
                    }

                    if ((counts?.Invoke(message.BasicProperties) ?? true) && OrderOf(message.Body.Span) is { } id)
                    {
                        ids.Add(id);
                    }
                }
            }
            catch (OperationInterruptedException e) when (e.ShutdownReason?.ReplyCode == 404)
            {
                // No such queue (dead-lettering off): it holds nothing.
            }
        }

        return ids;
    }

    private static OrderId? OrderOf(ReadOnlySpan<byte> body)
    {
        try
        {
            return JsonSerializer.Deserialize(body, ContractsJsonContext.Default.StepMessage) is { } message && OrderId.TryParse(message.OrderId, out var id) ? id : null;
        }
        catch (JsonException)
        {
            return null; // a malformed message names no order
        }
    }

    private static Task<IConnection> Connect(Uri url, CancellationToken cancellationToken) =>
        new ConnectionFactory { Uri = url, ClientProvidedName = "archlab-harness-books", AutomaticRecoveryEnabled = false }.CreateConnectionAsync(cancellationToken);
}
