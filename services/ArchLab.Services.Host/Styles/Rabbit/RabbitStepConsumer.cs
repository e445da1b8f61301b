using System.Text.Json;
using ArchLab.Contracts.Hosting;
using ArchLab.Contracts.Messages;
using ArchLab.Services.Core.Steps;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;
using RabbitMQ.Client.Exceptions;

namespace ArchLab.Services.Host.Styles.Rabbit;

/// <summary>
/// A step role consuming its RabbitMQ queue with manual acknowledgements and a prefetch window. For each delivery:
/// run the step (its effect goes to the ledger), publish the next event and await its confirm, and only then
/// acknowledge, so a crash at any point yields a redelivery, never a loss. A failed attempt goes to the retry queue
/// of its delivery (which dead-letters it back after its delay), or back to the queue at once without a backoff,
/// where the quorum queue's delivery limit ends it; past <c>maxDeliver</c>, or unreadable, it is rejected, which the
/// queue dead-letters. An idempotent consumer asks its inbox first, as the JetStream one does.
/// </summary>
public sealed class RabbitStepConsumer(
    RabbitLink link,
    RabbitPublisher publisher,
    StepRunner step,
    ServiceOptions options,
    ILogger<RabbitStepConsumer> logger) : BackgroundService
{
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly string? _next = Subjects.PublishedBy(options.Role);
    private long _failed;

    /// <summary>Completes once the consumer is registered with the broker: the role is ready.</summary>
    public Task Started => _started.Task;

    private RabbitConsumerOptions Rabbit => options.RabbitMq;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var connection = await link.ConnectionAsync(stoppingToken);
                var concurrency = (ushort)Math.Clamp(options.HandlerConcurrency, 1, ushort.MaxValue);
                await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(false, false, consumerDispatchConcurrency: concurrency), stoppingToken);
                await channel.BasicQosAsync(0, (ushort)Math.Clamp(Rabbit.Prefetch ?? concurrency, 1, ushort.MaxValue), global: false, stoppingToken);
                var consumer = new AsyncEventingBasicConsumer(channel);
                consumer.ReceivedAsync += (_, delivery) => HandleAsync(channel, delivery, stoppingToken);
                await channel.BasicConsumeAsync(RabbitNames.QueueOf(options.Role), autoAck: false, consumer, stoppingToken);
                _started.TrySetResult();

                // The client recovers a lost connection and this consumer with it; a channel the broker closed (a queue
                // deleted, a bad acknowledgement) is opened again here.
                while (channel.IsOpen || !connection.IsOpen)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(250), stoppingToken);
                }

                logger.LogWarning("consumer {Role}: channel closed by the broker ({Reason}); opening another", options.Role, channel.CloseReason?.ReplyText);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is BrokerUnreachableException or AlreadyClosedException or OperationInterruptedException or IOException)
            {
                // The broker went away or is not up yet: the broker is a component that fails too.
                logger.LogWarning("consumer {Role}: {Error}; retrying", options.Role, e.Message);
                await Task.Delay(TimeSpan.FromMilliseconds(250), stoppingToken);
            }
        }
    }

    private async Task HandleAsync(IChannel channel, BasicDeliverEventArgs delivery, CancellationToken cancellationToken)
    {
        StepMessage? body = null;
        try
        {
            body = delivery.Body.Length > 0 ? JsonSerializer.Deserialize(delivery.Body.Span, ContractsJsonContext.Default.StepMessage) : null;
        }
        catch (JsonException)
        {
        }

        if (body is null || !OrderId.TryParse(body.OrderId, out var id))
        {
            // Rejected without requeue: the queue's dead-letter exchange keeps it, and the consumer goes on.
            logger.LogWarning("{Role}: malformed message ({Why}); rejected to the dead-letter queue", options.Role, body is null ? "body is not a step message" : $"bad order id '{body.OrderId}'");
            await TryAsync(() => channel.BasicRejectAsync(delivery.DeliveryTag, requeue: false, cancellationToken));
            return;
        }

        var delivered = DeliveriesBefore(delivery.BasicProperties) + 1;
        try
        {
            var outcome = options.Idempotent
                ? await step.ExecuteOnceAsync(id, (int)delivered, waitForRunning: false, cancellationToken)
                : await step.ExecuteAsync(id, (int)delivered, cancellationToken);
            switch (outcome.Status)
            {
                case StepStatus.InFlight:
                    // Neither run nor acknowledged: the delivery still running acknowledges its own.
                    return;
                case StepStatus.Failed:
                    await RetryAsync(channel, delivery, id, delivered, outcome.Failure, cancellationToken);
                    return;
            }

            if (_next is not null)
            {
                await publisher.PublishAsync(_next, JsonSerializer.SerializeToUtf8Bytes(body, ContractsJsonContext.Default.StepMessage), deliveries: null, cancellationToken);
            }

            await channel.BasicAckAsync(delivery.DeliveryTag, multiple: false, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down: not acknowledged, so redelivered.
        }
        catch (Exception e) when (e is AlreadyClosedException or OperationInterruptedException or PublishException or BrokerUnreachableException)
        {
            // Not acknowledged: the broker redelivers it when this channel closes or recovers.
            logger.LogWarning("{Role} {Id}: {Error}; left unacknowledged for redelivery", options.Role, id, e.Message);
            await TryAsync(() => channel.BasicNackAsync(delivery.DeliveryTag, multiple: false, requeue: true, cancellationToken));
        }
    }

    /// <summary>A failed delivery: to its retry queue, back to the queue, or, out of deliveries, rejected to the dead-letter queue.</summary>
    private async Task RetryAsync(IChannel channel, BasicDeliverEventArgs delivery, OrderId id, long delivered, string? failure, CancellationToken cancellationToken)
    {
        var failed = Interlocked.Increment(ref _failed);
        if (Rabbit.MaxDeliver is { } max && delivered >= max && Rabbit.Backoff.Count > 0)
        {
            logger.LogInformation("{Role} {Id}: delivery {Delivered} of {Max} failed ({Failure}); rejected to the dead-letter queue ({Count} failed so far)",
                options.Role, id, delivered, max, failure, failed);
            await channel.BasicRejectAsync(delivery.DeliveryTag, requeue: false, cancellationToken);
            return;
        }

        if (Rabbit.Backoff.Count == 0)
        {
            // Back to the queue at once; a quorum queue's delivery limit ends it after maxDeliver deliveries.
            logger.LogInformation("{Role} {Id}: delivery {Delivered} failed ({Failure}); requeued ({Count} failed so far)", options.Role, id, delivered, failure, failed);
            await channel.BasicNackAsync(delivery.DeliveryTag, multiple: false, requeue: true, cancellationToken);
            return;
        }

        var index = Rabbit.RetryIndexFor(delivered);
        logger.LogInformation("{Role} {Id}: delivery {Delivered} failed ({Failure}); retry in {Delay} ({Count} failed so far)",
            options.Role, id, delivered, failure, Rabbit.Backoff[index], failed);
        // Confirmed in the retry queue before the original is acknowledged: a crash in between duplicates, never loses.
        await publisher.PublishToQueueAsync(RabbitNames.RetryQueue(options.Role, index), delivery.Body, (int)delivered, cancellationToken);
        await channel.BasicAckAsync(delivery.DeliveryTag, multiple: false, cancellationToken);
    }

    /// <summary>Deliveries before this one: those carried through retry queues, plus the quorum queue's own count of returns.</summary>
    private static long DeliveriesBefore(IReadOnlyBasicProperties properties)
    {
        long before = 0;
        if (properties.Headers is { } headers)
        {
            before += Number(headers.TryGetValue(RabbitNames.DeliveriesHeader, out var carried) ? carried : null)
                + Number(headers.TryGetValue(RabbitNames.QuorumDeliveryCount, out var returned) ? returned : null);
        }

        return before;
    }

    private static long Number(object? value) => value switch
    {
        int i => i,
        long l => l,
        short s => s,
        byte b => b,
        _ => 0,
    };

    private async Task TryAsync(Func<ValueTask> action)
    {
        try
        {
            await action();
        }
        catch (Exception e) when (e is AlreadyClosedException or OperationInterruptedException or OperationCanceledException)
        {
            logger.LogWarning("{Role}: {Error}", options.Role, e.Message);
        }
    }
}
