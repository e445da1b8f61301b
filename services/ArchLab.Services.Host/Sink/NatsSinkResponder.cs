using ArchLab.Contracts.Workflow;
using NATS.Client.Core;

namespace ArchLab.Services.Host.Sink;

/// <summary>Answers every request on <see cref="Transports.RequestSubject"/> with an empty reply, in arrival order, without a flush per reply.</summary>
public sealed class NatsSinkResponder(NatsConnection nats, ILogger<NatsSinkResponder> logger) : BackgroundService, ISinkService
{
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Started => _started.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await using var subscription = await nats.SubscribeCoreAsync(Transports.RequestSubject, serializer: SeqReader.Instance, cancellationToken: stoppingToken);
        await nats.PingAsync(stoppingToken); // answered after the SUB: the server knows it
        _started.TrySetResult();
        try
        {
            await foreach (var request in subscription.Msgs.ReadAllAsync(stoppingToken))
            {
                await request.ReplyAsync(ReadOnlyMemory<byte>.Empty, cancellationToken: stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (NatsException e)
        {
            logger.LogWarning("sink: replies stopped: {Error}", e.Message);
        }
    }
}
