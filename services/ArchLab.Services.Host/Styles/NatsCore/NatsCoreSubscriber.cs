using System.Text.Json;
using System.Threading.Channels;
using ArchLab.Contracts.Hosting;
using ArchLab.Contracts.Messages;
using ArchLab.Services.Core.Steps;
using ArchLab.Services.Host.Devices;
using ArchLab.Services.Host.Edge.ReadModel;
using ArchLab.Services.Host.Styles.Nats;
using NATS.Client.Core;

namespace ArchLab.Services.Host.Styles.NatsCore;

/// <summary>
/// A step role over core NATS: a subscription in the role's queue group; each message runs the step, then
/// the next event is published. Nothing is kept and nothing is acknowledged: what is published while the
/// role is down is lost, and a failed attempt drops its message (at most once). Our client never drops a
/// message silently: its buffer waits when full (the server may then cut us off as a slow consumer, which
/// is what a real one does), and drops are logged should they happen. What does not parse is published to
/// <c>deadletter.&lt;role&gt;</c> and the subscriber goes on.
/// </summary>
public sealed class NatsCoreSubscriber(
    NatsConnection nats,
    StepRunner step,
    ServiceOptions options,
    ILogger<NatsCoreSubscriber> logger) : BackgroundService
{
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly string? _next = Subjects.PublishedBy(options.Role) is { } next ? Subjects.Core(next) : null;
    private readonly bool _updatesDevices = DeviceUpdates.PublishedBy(options);
    private long _dropped;

    /// <summary>Completes once the server knows the subscription: from then on no message to the role is missed.</summary>
    public Task Started => _started.Task;

    /// <summary>Messages dropped after a failed attempt (at most once: nobody redelivers them).</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var consumed = Subjects.ConsumedBy(options.Role) ?? throw new InvalidOperationException($"{options.Role} consumes nothing");
        nats.MessageDropped += OnClientDrop;
        try
        {
            await QueueGroupSubscription.RunAsync(nats, Subjects.Core(consumed), options.Role, options.HandlerConcurrency, _started,
                message => HandleAsync(message, stoppingToken), stoppingToken);
        }
        finally
        {
            nats.MessageDropped -= OnClientDrop;
        }
    }

    private async ValueTask HandleAsync(NatsMsg<byte[]> message, CancellationToken cancellationToken)
    {
        StepMessage? body = null;
        try
        {
            body = message.Data is { Length: > 0 } data ? JsonSerializer.Deserialize(data, ContractsJsonContext.Default.StepMessage) : null;
        }
        catch (JsonException)
        {
        }

        try
        {
            if (body is null || !OrderId.TryParse(body.OrderId, out var id))
            {
                var reason = body is null ? "body is not a step message" : $"bad order id '{body.OrderId}'";
                logger.LogWarning("{Role}: malformed message on {Subject}: {Reason}; dead-lettering", options.Role, message.Subject, reason);
                var headers = new NatsHeaders { [Subjects.ReasonHeader] = reason, [Subjects.SourceSubjectHeader] = message.Subject };
                await nats.PublishAsync(Subjects.DeadLetterFor(options.Role), message.Data ?? [], headers: headers, cancellationToken: cancellationToken);
                return;
            }

            var outcome = await step.ExecuteAsync(id, body.Attempt, cancellationToken);
            if (!outcome.Succeeded)
            {
                logger.LogInformation("{Role} {Id}: failed ({Failure}); dropped, at most once ({Count} dropped so far)",
                    options.Role, id, outcome.Failure, Interlocked.Increment(ref _dropped));
                return;
            }

            if (_next is not null)
            {
                await nats.PublishAsync(_next, JsonSerializer.SerializeToUtf8Bytes(body, ContractsJsonContext.Default.StepMessage), cancellationToken: cancellationToken);
            }
            else if (options.ReadModel)
            {
                await CompletionFeed.AnnounceAsync(nats, options.Role, body, cancellationToken);
            }

            if (_updatesDevices)
            {
                await DeviceUpdates.PublishAsync(nats, options, id, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception e) when (e is NatsException or TimeoutException)
        {
            logger.LogWarning("{Role}: could not publish: {Error}; the message is lost", options.Role, e.Message);
        }
    }

    private ValueTask OnClientDrop(object? sender, NatsMessageDroppedEventArgs e)
    {
        logger.LogWarning("{Role}: the client dropped a message on {Subject} ({Pending} pending)", options.Role, e.Subject, e.Pending);
        return ValueTask.CompletedTask;
    }
}
