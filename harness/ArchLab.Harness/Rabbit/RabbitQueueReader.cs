using ArchLab.Contracts.Messages;
using ArchLab.Harness.Broker;
using RabbitMQ.Client;

namespace ArchLab.Harness.Rabbit;

/// <summary>
/// The backlog of a <c>rabbitmq</c> arm as the broker counts it: the messages waiting in each step's queue and its
/// retry queues (a passive <c>queue.declare</c> each, which answers with the ready count; what consumers hold
/// unacknowledged, at most their prefetch, is not in it). In the shape of a stream's counters, each queue as one
/// consumer's pending, so the sampler, the drain and the timeline read it as they read JetStream's. A broker that does
/// not answer leaves a gap, and the connection is opened again at the next reading.
/// </summary>
public sealed class RabbitQueueReader(Uri url, int receivers, int backoffs) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly IReadOnlyList<string> _queues = RabbitNames.WorkQueues(receivers, backoffs);

    private IConnection? _connection;
    private IChannel? _channel;

    public async Task<JszSnapshot?> ReadAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_channel is not { IsOpen: true })
            {
                await CloseAsync();
                _connection = await new ConnectionFactory { Uri = url, ClientProvidedName = "archlab-harness-sampler", AutomaticRecoveryEnabled = false, RequestedConnectionTimeout = TimeSpan.FromSeconds(1) }
                    .CreateConnectionAsync(cancellationToken);
                _channel = await _connection.CreateChannelAsync(cancellationToken: cancellationToken);
            }

            var counters = new List<ConsumerCounters>(_queues.Count);
            foreach (var queue in _queues)
            {
                var ready = (await _channel.QueueDeclarePassiveAsync(queue, cancellationToken)).MessageCount;
                counters.Add(new ConsumerCounters(queue, ready, 0, 0, 0, 0));
            }

            return new JszSnapshot(counters.Sum(c => c.NumPending), 0, counters);
        }
        catch (Exception e) when (e is RabbitMQ.Client.Exceptions.BrokerUnreachableException or RabbitMQ.Client.Exceptions.AlreadyClosedException
            or RabbitMQ.Client.Exceptions.OperationInterruptedException or IOException or TimeoutException)
        {
            return null;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task CloseAsync()
    {
        try
        {
            if (_channel is not null)
            {
                await _channel.DisposeAsync();
            }

            if (_connection is not null)
            {
                await _connection.DisposeAsync();
            }
        }
        catch (Exception e) when (e is RabbitMQ.Client.Exceptions.AlreadyClosedException or IOException)
        {
        }

        (_channel, _connection) = (null, null);
    }

    public void Dispose()
    {
        CloseAsync().GetAwaiter().GetResult();
        _gate.Dispose();
    }
}
