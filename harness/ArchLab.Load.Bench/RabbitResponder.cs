using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace ArchLab.Load.Bench;

/// <summary>
/// The minimal request responder of the RabbitMQ benchmark, in a process of its own so that it costs the caller
/// nothing: one consumer (automatic acknowledgement) on a transient queue, an empty reply to each request's
/// <c>reply_to</c> with its correlation id. Says <c>listening amqp://...</c> once it consumes.
/// </summary>
internal static class RabbitResponder
{
    public static async Task<int> RunAsync(string url, string queue)
    {
        await using var connection = await new ConnectionFactory { Uri = new Uri(url), ClientProvidedName = "archlab-bench-responder" }.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        await channel.QueueDeclareAsync(queue, durable: false, exclusive: false, autoDelete: false);
        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += async (_, request) =>
        {
            var properties = new BasicProperties { CorrelationId = request.BasicProperties.CorrelationId };
            await channel.BasicPublishAsync("", request.BasicProperties.ReplyTo!, mandatory: false, properties, ReadOnlyMemory<byte>.Empty);
        };
        await channel.BasicConsumeAsync(queue, autoAck: true, consumer);
        Console.WriteLine(NoopServer.ReadyPrefix + url);

        // The parent ends this process by closing its stdin (or by killing it).
        await Console.In.ReadToEndAsync();
        return 0;
    }
}
