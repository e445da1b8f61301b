using ArchLab.Contracts.Workflow;
using ArchLab.Services.Host.Styles.Rabbit;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace ArchLab.Services.Host.Sink;

/// <summary>
/// The RabbitMQ sink. For <see cref="Transports.RabbitPublish"/> it declares the durable quorum queue the caller
/// publishes to and records the sequence number of each message it consumes (acknowledged one by one, up to
/// a thousand unacknowledged in flight, so the consumer keeps up with the publisher); for <see cref="Transports.RabbitRpc"/> it declares
/// a transient request queue and answers each request, empty, to its <c>reply_to</c> with its correlation id.
/// </summary>
public sealed class RabbitSink(RabbitLink link, Contracts.Hosting.ServiceOptions options, ReceivedSeqs received) : BackgroundService, ISinkService
{
    private const ushort Prefetch = 1000;
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Started => _started.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        IChannel channel;
        try
        {
            channel = await OpenAsync(stoppingToken);
        }
        catch (Exception e) when (!stoppingToken.IsCancellationRequested)
        {
            _started.TrySetException(e); // the process's start says why, rather than waiting for a sink that never comes
            throw;
        }

        await using (channel)
        {
            _started.TrySetResult();
            try
            {
                await Task.Delay(Timeout.Infinite, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
            }
        }
    }

    private async Task<IChannel> OpenAsync(CancellationToken stoppingToken)
    {
        var connection = await link.ConnectionAsync(stoppingToken);
        var channel = await connection.CreateChannelAsync(cancellationToken: stoppingToken);
        await channel.BasicQosAsync(0, Prefetch, global: false, stoppingToken);
        var consumer = new AsyncEventingBasicConsumer(channel);
        if (options.Style == Transports.RabbitPublish)
        {
            await channel.QueueDeclareAsync(Transports.RabbitPublishQueue, durable: true, exclusive: false, autoDelete: false,
                new Dictionary<string, object?> { ["x-queue-type"] = "quorum" }, cancellationToken: stoppingToken);
            consumer.ReceivedAsync += async (_, message) =>
            {
                received.Add(SeqPayload(message.Body.Span));
                await channel.BasicAckAsync(message.DeliveryTag, multiple: false, stoppingToken);
            };
            await channel.BasicConsumeAsync(Transports.RabbitPublishQueue, autoAck: false, consumer, stoppingToken);
        }
        else
        {
            await channel.QueueDeclareAsync(Transports.RabbitRequestQueue, durable: false, exclusive: false, autoDelete: false, cancellationToken: stoppingToken);
            var reply = Array.Empty<byte>();
            consumer.ReceivedAsync += async (_, request) =>
            {
                if (request.BasicProperties.ReplyTo is { } replyTo)
                {
                    var properties = new BasicProperties { CorrelationId = request.BasicProperties.CorrelationId };
                    await channel.BasicPublishAsync("", replyTo, mandatory: false, properties, reply, stoppingToken);
                }
            };
            await channel.BasicConsumeAsync(Transports.RabbitRequestQueue, autoAck: true, consumer, stoppingToken);
        }

        return channel;
    }

    /// <summary>The body's sequence number (8 bytes, little-endian); -1, counted malformed, when it is shorter.</summary>
    private static long SeqPayload(ReadOnlySpan<byte> body) =>
        body.Length < sizeof(long) ? -1 : System.Buffers.Binary.BinaryPrimitives.ReadInt64LittleEndian(body);
}
