using System.Runtime.CompilerServices;
using ArchLab.Load.Recording;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace ArchLab.Load.Targets.Transports;

/// <summary>
/// RabbitMQ publish with publisher confirms: a request is accepted when the broker confirms the message (for a
/// quorum queue, once a majority of its replicas wrote it), the way a careful publisher uses RabbitMQ. One channel
/// carries every publish, many confirms in flight together; the client's own limit on outstanding confirms (128,
/// throttled past half of it) stays as it ships, a wait that is part of a call's latency. A message the broker
/// rejects (nack), cannot route (returned, published mandatory) or a connection that refuses it: <c>publish_failed</c>.
/// </summary>
public sealed class RabbitPublishLoadTarget : ILoadTarget, IAsyncDisposable
{
    private static readonly BasicProperties Persistent = new() { Persistent = true };
    private readonly IConnection _connection;
    private readonly IChannel _channel;
    private readonly SeqPayload _payload;
    private readonly string _queue;

    private RabbitPublishLoadTarget(IConnection connection, IChannel channel, RabbitTargetOptions options)
    {
        _connection = connection;
        _channel = channel;
        _queue = options.Queue;
        _payload = new SeqPayload(options.PayloadBytes);
    }

    /// <summary>Connects and opens a confirming channel; throws when the broker does not answer.</summary>
    public static async Task<RabbitPublishLoadTarget> ConnectAsync(RabbitTargetOptions options, CancellationToken cancellationToken)
    {
        var connection = await RabbitConnections.ConnectAsync(options, cancellationToken);
        try
        {
            var channel = await connection.CreateChannelAsync(
                new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), cancellationToken);
            return new RabbitPublishLoadTarget(connection, channel, options);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<CallOutcome> SendAsync(long seq, CancellationToken cancellationToken)
    {
        try
        {
            // The body must live until the publish completes; a message's own array does.
            await _channel.BasicPublishAsync("", _queue, mandatory: true, Persistent, _payload.ToArray(seq), cancellationToken);
            return CallOutcome.Accepted();
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return CallOutcome.Timeout;
        }
        catch (Exception e) when (e is PublishException or AlreadyClosedException or OperationInterruptedException)
        {
            return CallOutcome.Rejected(ErrorKinds.PublishFailedStatus);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _channel.DisposeAsync();
        await _connection.DisposeAsync();
    }
}
