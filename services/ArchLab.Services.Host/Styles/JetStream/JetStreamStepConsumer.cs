using System.Text.Json;
using ArchLab.Contracts.Hosting;
using ArchLab.Contracts.Messages;
using ArchLab.Services.Core.Steps;
using ArchLab.Services.Host.Devices;
using ArchLab.Services.Host.Edge.ReadModel;
using NATS.Client.Core;
using NATS.Client.JetStream;

namespace ArchLab.Services.Host.Styles.JetStream;

/// <summary>
/// A step role as a JetStream durable consumer. For each message: run the step (its effect goes to the
/// ledger), publish the next event and await its ack, and only then ack the message, so a crash at any
/// point yields a redelivery, never a loss. A failed attempt is nak'd with the backoff of its delivery; what
/// cannot be parsed is dead-lettered. An idempotent consumer asks its inbox first: a done order is acked
/// (and its next event republished under the same message id, which the stream drops) without running the
/// step, and a redelivery of an order still running is left alone: the running delivery will ack it.
/// </summary>
public sealed class JetStreamStepConsumer(
    INatsJSContext js,
    StepRunner step,
    ServiceOptions options,
    JetStreamDeadLetters deadLetters,
    ILogger<JetStreamStepConsumer> logger) : BackgroundService
{
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly string _next = Contracts.Messages.Subjects.PublishedBy(options.Role) ?? "";
    private readonly bool _updatesDevices = DeviceUpdates.PublishedBy(options);
    private long _failed;

    /// <summary>Completes once the consumer is bound and pulling: the role is ready.</summary>
    public Task Started => _started.Task;

    private int Concurrency => options.HandlerConcurrency;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var slots = new SemaphoreSlim(Concurrency, Concurrency);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var consumer = await js.GetConsumerAsync(Contracts.Messages.Subjects.OrdersStream, Contracts.Messages.Subjects.ConsumerFor(options.Role), stoppingToken);
                _started.TrySetResult();
                // The pull (buffer size, refill threshold, heartbeat) is shared with the simulator's model of it.
                var pull = JetStreamPull.For(Concurrency);
                var consume = new NatsJSConsumeOpts
                {
                    MaxMsgs = pull.MaxMsgs,
                    ThresholdMsgs = pull.ThresholdMsgs,
                    Expires = pull.Expires,
                    IdleHeartbeat = pull.IdleHeartbeat,
                };
                await foreach (var message in consumer.ConsumeAsync<byte[]>(opts: consume, cancellationToken: stoppingToken))
                {
                    await slots.WaitAsync(stoppingToken);
                    _ = HandleAsync(message, stoppingToken).AsTask().ContinueWith(_ => slots.Release(), TaskScheduler.Default);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is NatsException or TimeoutException)
            {
                // The broker went away or the consumer is not there yet: the broker is a component that fails too.
                logger.LogWarning("consumer {Role}: {Error}; retrying", options.Role, e.Message);
                await Task.Delay(TimeSpan.FromMilliseconds(250), stoppingToken);
            }
        }
    }

    private async ValueTask HandleAsync(INatsJSMsg<byte[]> message, CancellationToken cancellationToken)
    {
        // The processing span is the child of the client's receive span, whose parent the message's headers carried.
        using var processing = message.StartActivity("process " + options.Role);
        StepMessage? body = null;
        try
        {
            body = message.Data is { Length: > 0 } data ? JsonSerializer.Deserialize(data, ContractsJsonContext.Default.StepMessage) : null;
        }
        catch (JsonException)
        {
        }

        if (body is null || !OrderId.TryParse(body.OrderId, out var id))
        {
            await deadLetters.MalformedAsync(message, body is null ? "body is not a step message" : $"bad order id '{body.OrderId}'", cancellationToken);
            return;
        }

        var delivered = (long)(message.Metadata?.NumDelivered ?? 1);
        try
        {
            var outcome = options.Idempotent
                ? await step.ExecuteOnceAsync(id, (int)delivered, waitForRunning: false, cancellationToken)
                : await step.ExecuteAsync(id, (int)delivered, cancellationToken);
            switch (outcome.Status)
            {
                case StepStatus.InFlight:
                    // Neither run nor acked: the delivery still running acks the message when it is done.
                    return;
                case StepStatus.Failed:
                    var delay = options.JetStream.NakDelayFor(delivered);
                    logger.LogInformation("{Role} {Id}: delivery {Delivered} failed ({Failure}); nak, redelivery in {Delay} ({Count} failed so far)",
                        options.Role, id, delivered, outcome.Failure, delay, Interlocked.Increment(ref _failed));
                    await TryAsync(() => message.NakAsync(new AckOpts { NakDelay = delay }, cancellationToken));
                    return;
            }

            if (_next.Length > 0)
            {
                var next = JsonSerializer.SerializeToUtf8Bytes(body, ContractsJsonContext.Default.StepMessage);
                // The message id makes a redelivered step's republish a duplicate the stream drops.
                var publish = options.JetStream.Dedupe ? new NatsJSPubOpts { MsgId = $"{id}:{options.Role}" } : null;
                var ack = await js.PublishAsync(_next, next, opts: publish, cancellationToken: cancellationToken);
                ack.EnsureStored();
            }
            else if (options.ReadModel)
            {
                // Before the ack: a crash in between redelivers, and the read model counts a repeat once.
                await CompletionFeed.AnnounceAsync(js.Connection, options.Role, body, cancellationToken);
            }

            if (_updatesDevices)
            {
                await DeviceUpdates.PublishAsync(js.Connection, options, id, cancellationToken);
            }

            await message.AckAsync(cancellationToken: cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down: the message was not acked and will be redelivered.
        }
        catch (Exception e) when (e is NatsException or TimeoutException)
        {
            logger.LogWarning("{Role} {Id}: {Error}; asking for redelivery", options.Role, id, e.Message);
            await TryAsync(() => message.NakAsync(new AckOpts { NakDelay = TimeSpan.FromMilliseconds(500) }, cancellationToken));
        }
    }

    private async ValueTask TryAsync(Func<ValueTask> action)
    {
        try
        {
            await action();
        }
        catch (Exception e) when (e is NatsException or TimeoutException or OperationCanceledException)
        {
            logger.LogWarning("{Role}: {Error}", options.Role, e.Message);
        }
    }
}
