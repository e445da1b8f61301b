using System.Text.Json;
using ArchLab.Contracts.Hosting;
using ArchLab.Contracts.Messages;
using ArchLab.Services.Host.Edge;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace ArchLab.Services.Host.Styles.Rabbit;

/// <summary>
/// The edge of the <c>rabbitmq</c> style: publish <c>OrderPlaced</c> to the orders exchange and answer once the broker
/// confirms it (quorum queues: a majority of the queue's replicas wrote it). Published mandatory, so a message no
/// queue takes comes back as a failure rather than vanishing. With classic queues there are no confirms: the edge
/// answers once the client has written the message to its socket, the at-most-once end.
/// </summary>
public sealed class RabbitPipeline(RabbitPublisher publisher) : IOrderPipeline
{
    public bool AnswersOnCompletion => false;

    public async ValueTask<PipelineResult> PlaceAsync(OrderId id, int attempt, string payload, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(new StepMessage(id.ToString(), attempt, payload), ContractsJsonContext.Default.StepMessage);
        try
        {
            await publisher.PublishAsync(Subjects.OrderPlaced, body, deliveries: null, cancellationToken);
            return PipelineResult.Ok;
        }
        catch (PublishException e)
        {
            return new PipelineResult(PipelineFailure.DownstreamError, "broker", e.IsReturn ? "returned: no queue took the order" : "nacked by the broker");
        }
        catch (Exception e) when (e is AlreadyClosedException or OperationInterruptedException or BrokerUnreachableException)
        {
            return new PipelineResult(PipelineFailure.Unavailable, "broker", e.Message);
        }
    }
}

/// <summary>
/// A process's publishing channel: confirms on (quorum arms), shared by every concurrent publish as the client allows.
/// Opened on first use and opened again when the connection's recovery has replaced it.
/// </summary>
public sealed class RabbitPublisher(RabbitLink link, ServiceOptions options) : IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private IChannel? _channel;

    public async ValueTask PublishAsync(string routingKey, ReadOnlyMemory<byte> body, int? deliveries, CancellationToken cancellationToken)
    {
        var channel = await ChannelAsync(cancellationToken);
        var properties = new BasicProperties { Persistent = options.RabbitMq.Confirms };
        if (deliveries is { } count)
        {
            properties.Headers = new Dictionary<string, object?> { [RabbitNames.DeliveriesHeader] = count };
        }

        await channel.BasicPublishAsync(RabbitNames.OrdersExchange, routingKey, mandatory: true, properties, body, cancellationToken);
    }

    /// <summary>Publishes straight to a queue (through the default exchange): a retry queue.</summary>
    public async ValueTask PublishToQueueAsync(string queue, ReadOnlyMemory<byte> body, int deliveries, CancellationToken cancellationToken)
    {
        var channel = await ChannelAsync(cancellationToken);
        var properties = new BasicProperties
        {
            Persistent = options.RabbitMq.Confirms,
            Headers = new Dictionary<string, object?> { [RabbitNames.DeliveriesHeader] = deliveries },
        };
        await channel.BasicPublishAsync("", queue, mandatory: true, properties, body, cancellationToken);
    }

    private async ValueTask<IChannel> ChannelAsync(CancellationToken cancellationToken)
    {
        if (_channel is { IsOpen: true } open)
        {
            return open;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_channel is { IsOpen: true } again)
            {
                return again;
            }

            var connection = await link.ConnectionAsync(cancellationToken);
            var confirms = options.RabbitMq.Confirms;
            _channel = await connection.CreateChannelAsync(
                new CreateChannelOptions(publisherConfirmationsEnabled: confirms, publisherConfirmationTrackingEnabled: confirms), cancellationToken);
            return _channel;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_channel is { } channel)
        {
            await channel.DisposeAsync();
        }

        _gate.Dispose();
    }
}
