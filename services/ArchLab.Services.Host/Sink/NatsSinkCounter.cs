using ArchLab.Contracts.Workflow;
using NATS.Client.Core;

namespace ArchLab.Services.Host.Sink;

/// <summary>
/// Subscribes to <see cref="Transports.PublishSubject"/> and records the sequence number of each message. Its
/// buffer holds a million messages: core NATS drops for a subscriber that falls behind, and when it does here the
/// harness sees the missing numbers as lost, which is the point of counting.
/// </summary>
public sealed class NatsSinkCounter(NatsConnection nats, ReceivedSeqs received, ILogger<NatsSinkCounter> logger) : BackgroundService, ISinkService
{
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Started => _started.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var opts = new NatsSubOpts { ChannelOpts = new NatsSubChannelOpts { Capacity = 1 << 20 } };
        await using var subscription = await nats.SubscribeCoreAsync(Transports.PublishSubject, serializer: SeqReader.Instance, opts: opts, cancellationToken: stoppingToken);
        await nats.PingAsync(stoppingToken);
        _started.TrySetResult();
        try
        {
            await foreach (var message in subscription.Msgs.ReadAllAsync(stoppingToken))
            {
                received.Add(message.Data);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (NatsException e)
        {
            logger.LogWarning("sink: counting stopped: {Error}", e.Message);
        }
    }
}
