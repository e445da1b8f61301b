using System.Collections.Concurrent;
using System.Globalization;
using ArchLab.Load.Recording;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;
using RabbitMQ.Client.Exceptions;

namespace ArchLab.Load.Targets.Transports;

/// <summary>
/// RabbitMQ request-reply over direct reply-to: the request goes to the responder's queue with <c>reply_to</c>
/// <c>amq.rabbitmq.reply-to</c>, and the reply comes straight back on the channel that sent it, no reply queue
/// declared. Replies are matched by correlation id (the request's sequence number). Accepted when the reply
/// arrives; a broker or connection refusing the request: <c>publish_failed</c>; no reply in time: a timeout.
/// </summary>
public sealed class RabbitRpcLoadTarget : ILoadTarget, IAsyncDisposable
{
    /// <summary>The pseudo-queue of direct reply-to.</summary>
    public const string DirectReplyTo = "amq.rabbitmq.reply-to";

    private readonly IConnection _connection;
    private readonly IChannel _channel;
    private readonly SeqPayload _payload;
    private readonly string _queue;
    private readonly ConcurrentDictionary<long, TaskCompletionSource> _pending = new();

    private RabbitRpcLoadTarget(IConnection connection, IChannel channel, RabbitTargetOptions options)
    {
        _connection = connection;
        _channel = channel;
        _queue = options.Queue;
        _payload = new SeqPayload(options.PayloadBytes);
    }

    /// <summary>Connects and starts consuming replies; throws when the broker does not answer.</summary>
    public static async Task<RabbitRpcLoadTarget> ConnectAsync(RabbitTargetOptions options, CancellationToken cancellationToken)
    {
        var connection = await RabbitConnections.ConnectAsync(options, cancellationToken);
        try
        {
            var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
            var target = new RabbitRpcLoadTarget(connection, channel, options);
            var replies = new AsyncEventingBasicConsumer(channel);
            replies.ReceivedAsync += target.OnReplyAsync;
            // Direct reply-to must be consumed with automatic acknowledgement, on the channel that publishes.
            await channel.BasicConsumeAsync(DirectReplyTo, autoAck: true, replies, cancellationToken);
            return target;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private Task OnReplyAsync(object sender, BasicDeliverEventArgs reply)
    {
        if (long.TryParse(reply.BasicProperties.CorrelationId, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var seq) &&
            _pending.TryRemove(seq, out var waiting))
        {
            waiting.TrySetResult();
        }

        return Task.CompletedTask;
    }

    public async ValueTask<CallOutcome> SendAsync(long seq, CancellationToken cancellationToken)
    {
        var answered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[seq] = answered;
        try
        {
            var properties = new BasicProperties { ReplyTo = DirectReplyTo, CorrelationId = seq.ToString(CultureInfo.InvariantCulture) };
            await _channel.BasicPublishAsync("", _queue, mandatory: false, properties, _payload.ToArray(seq), cancellationToken);
            await answered.Task.WaitAsync(cancellationToken);
            return CallOutcome.Accepted();
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return CallOutcome.Timeout;
        }
        catch (Exception e) when (e is AlreadyClosedException or OperationInterruptedException)
        {
            return CallOutcome.Rejected(ErrorKinds.PublishFailedStatus);
        }
        finally
        {
            _pending.TryRemove(seq, out _);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _channel.DisposeAsync();
        await _connection.DisposeAsync();
    }
}
