using System.Text.Json;
using ArchLab.Contracts.Hosting;
using ArchLab.Contracts.Messages;
using NATS.Client.Core;

namespace ArchLab.Services.Host.Edge.ReadModel;

/// <summary>
/// Feeds the edge's read model from the receivers' completion events (<c>completed.&lt;role&gt;</c>, core NATS): the
/// projection of the messaging styles, whose answer to the caller came long before the work was done. An event the
/// edge misses (it was down, the client dropped it) leaves the order <c>accepted</c> for good, as a projection without
/// replay would.
/// </summary>
public sealed class CompletionFeed(NatsConnection nats, OrderStates states, ILogger<CompletionFeed> logger) : BackgroundService
{
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once the server knows the subscription: no completion after it is missed.</summary>
    public Task Started => _started.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await using var subscription = await nats.SubscribeCoreAsync<byte[]>(Subjects.CompletedWildcard, cancellationToken: stoppingToken);
            await nats.PingAsync(stoppingToken);
            _started.TrySetResult();
            await foreach (var message in subscription.Msgs.ReadAllAsync(stoppingToken))
            {
                var receiver = message.Subject[(Subjects.CompletedPrefix.Length + 1)..];
                if (Parse(message.Data) is { } id)
                {
                    states.ReceiverDone(id, receiver);
                }
                else
                {
                    logger.LogWarning("read model: a completion event on {Subject} holds no order id; ignored", message.Subject);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Announces a receiver's effect: what a receiver of an edge with a read model publishes after its step.</summary>
    public static ValueTask AnnounceAsync(INatsConnection nats, string role, StepMessage body, CancellationToken cancellationToken) =>
        nats.PublishAsync(Subjects.CompletedBy(role), JsonSerializer.SerializeToUtf8Bytes(body, ContractsJsonContext.Default.StepMessage), cancellationToken: cancellationToken);

    private static OrderId? Parse(byte[]? data)
    {
        try
        {
            return data is { Length: > 0 } && JsonSerializer.Deserialize(data, ContractsJsonContext.Default.StepMessage) is { } body
                && OrderId.TryParse(body.OrderId, out var id) ? id : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
