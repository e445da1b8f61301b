using ArchLab.Contracts.Messages;
using ArchLab.Contracts.Workflow;
using ArchLab.Harness.Model.Scenarios;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace ArchLab.Harness.Rabbit;

/// <summary>
/// Declares what a <c>rabbitmq</c> arm needs before any role starts, in the arm's virtual host: the orders exchange,
/// one queue per step role bound to the event it consumes (fan-out receivers each their own queue on the same key,
/// so each gets every message), the dead-letter exchange and queue, and a retry queue per backoff delay. Every arm
/// option lands here as the broker's own queue argument, so the harness alone owns the configuration and the roles
/// only consume and publish.
/// </summary>
public static class RabbitTopology
{
    /// <returns>The queue arguments given to the broker beyond its defaults (the arm's moving parts).</returns>
    /// <exception cref="InvalidOperationException">A queue was declared before with other arguments (<c>PRECONDITION_FAILED</c>), said plainly.</exception>
    public static async Task<int> DeclareAsync(Uri url, RabbitArmOptions options, int receivers, CancellationToken cancellationToken)
    {
        await using var connection = await new ConnectionFactory { Uri = url, ClientProvidedName = "archlab-harness" }.CreateConnectionAsync(cancellationToken);
        await using var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
        var durable = options.Queue == RabbitQueueType.Quorum;
        var keys = 0;
        await channel.ExchangeDeclareAsync(RabbitNames.OrdersExchange, ExchangeType.Direct, durable, autoDelete: false, cancellationToken: cancellationToken);
        if (options.DeadLetter)
        {
            await channel.ExchangeDeclareAsync(RabbitNames.DeadLetterExchange, ExchangeType.Fanout, durable, autoDelete: false, cancellationToken: cancellationToken);
            await DeclareQueueAsync(channel, RabbitNames.DeadLetterQueue, durable, QueueType(options), cancellationToken);
            await channel.QueueBindAsync(RabbitNames.DeadLetterQueue, RabbitNames.DeadLetterExchange, "", cancellationToken: cancellationToken);
        }

        foreach (var role in Roles.StepsOf(receivers))
        {
            var arguments = StepQueueArguments(options);
            keys += arguments.Count;
            await DeclareQueueAsync(channel, RabbitNames.QueueOf(role), durable, arguments, cancellationToken);
            await channel.QueueBindAsync(RabbitNames.QueueOf(role), RabbitNames.OrdersExchange, Subjects.ConsumedBy(role)!, cancellationToken: cancellationToken);
            for (var i = 0; i < options.Backoff.Count; i++)
            {
                // A retry queue holds a failed message for its delay, then dead-letters it back to its step's own queue
                // (through the default exchange, by the queue's name): one queue per delay, because a queue expires
                // messages only at its head.
                var retry = new Dictionary<string, object?>(QueueType(options))
                {
                    ["x-message-ttl"] = (long)options.Backoff[i].TotalMilliseconds,
                    ["x-dead-letter-exchange"] = "",
                    ["x-dead-letter-routing-key"] = RabbitNames.QueueOf(role),
                };
                keys += retry.Count;
                await DeclareQueueAsync(channel, RabbitNames.RetryQueue(role, i), durable, retry, cancellationToken);
            }
        }

        return keys;
    }

    /// <summary>The arguments of a step's queue: its type, TTL, length limit and overflow, delivery limit, dead-lettering.</summary>
    public static Dictionary<string, object?> StepQueueArguments(RabbitArmOptions options)
    {
        var arguments = new Dictionary<string, object?>(QueueType(options));
        if (options.MaxAge > TimeSpan.Zero)
        {
            arguments["x-message-ttl"] = (long)options.MaxAge.TotalMilliseconds;
        }

        if (options.MaxMsgs is { } max)
        {
            arguments["x-max-length"] = max;
            arguments["x-overflow"] = options.Discard == StreamDiscard.New ? "reject-publish" : "drop-head";
        }

        // The delivery limit counts returns (x-delivery-count): maxDeliver deliveries are maxDeliver - 1 returns. With
        // retry queues the consumer counts deliveries itself and rejects the last, so the queue needs none.
        if (options.MaxDeliver is { } deliveries && options.Backoff.Count == 0)
        {
            arguments["x-delivery-limit"] = deliveries - 1;
        }

        if (options.DeadLetter)
        {
            arguments["x-dead-letter-exchange"] = RabbitNames.DeadLetterExchange;
            if (options.Queue == RabbitQueueType.Quorum && !(options.MaxMsgs is not null && options.Discard == StreamDiscard.Old))
            {
                // A quorum queue dead-letters at least once (re-publishing until the dead-letter queue confirms) only
                // with reject-publish overflow (harmless without a length limit); the arm's reader refuses drop-head with
                // a length limit for that reason.
                arguments["x-dead-letter-strategy"] = "at-least-once";
                arguments["x-overflow"] = "reject-publish";
            }
        }

        return arguments;
    }

    private static Dictionary<string, object?> QueueType(RabbitArmOptions options) =>
        options.Queue == RabbitQueueType.Quorum ? new() { ["x-queue-type"] = "quorum" } : new();

    private static async Task DeclareQueueAsync(IChannel channel, string name, bool durable, IDictionary<string, object?> arguments, CancellationToken cancellationToken)
    {
        try
        {
            await channel.QueueDeclareAsync(name, durable, exclusive: false, autoDelete: false, arguments, cancellationToken: cancellationToken);
        }
        catch (OperationInterruptedException e) when (e.ShutdownReason?.ReplyCode == 406)
        {
            throw new InvalidOperationException(
                $"queue '{name}' exists with other arguments than this arm's ({string.Join(", ", arguments.Select(a => $"{a.Key}={a.Value}"))}); " +
                $"the broker says: {e.ShutdownReason.ReplyText}. Each arm declares its queues in a virtual host of its own, so this is a queue left by something else", e);
        }
    }
}
