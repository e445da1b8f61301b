using System.Runtime.CompilerServices;
using NATS.Client.Core;

namespace ArchLab.Load.Targets.Transports;

/// <summary>
/// Core NATS publish, fire and forget: a request is accepted when the client has taken the message into its
/// connection's write buffer (<c>PublishAsync</c> returned); it is not flushed per message, which is how a
/// publisher uses NATS and why it is fast. Whether the message reached anyone is for a subscriber to count: the
/// caller cannot know. A publish the client refuses (connection closed) is <c>publish_failed</c>.
/// </summary>
public sealed class NatsPublishLoadTarget : ILoadTarget, IAsyncDisposable
{
    private readonly NatsConnection _connection;
    private readonly SeqPayload _payload;
    private readonly string _subject;

    private NatsPublishLoadTarget(NatsConnection connection, NatsTargetOptions options)
    {
        _connection = connection;
        _subject = options.Subject;
        _payload = new SeqPayload(options.PayloadBytes);
    }

    /// <summary>Connects to the server and returns the target; throws when the server does not answer.</summary>
    public static Task<NatsPublishLoadTarget> ConnectAsync(NatsTargetOptions options, CancellationToken cancellationToken) =>
        NatsConnections.ConnectAsync(options, connection => new NatsPublishLoadTarget(connection, options), cancellationToken);

    public ValueTask<CallOutcome> SendAsync(long seq, CancellationToken cancellationToken)
    {
        ValueTask publish;
        try
        {
            publish = _connection.PublishAsync(_subject, seq, serializer: _payload, cancellationToken: cancellationToken);
        }
        catch (NatsException)
        {
            return new(CallOutcome.Rejected(Recording.ErrorKinds.PublishFailedStatus));
        }

        // Nearly every publish is taken into the buffer at once: no state machine for those.
        return publish.IsCompletedSuccessfully ? new(CallOutcome.Accepted()) : AwaitAsync(publish, cancellationToken);
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private static async ValueTask<CallOutcome> AwaitAsync(ValueTask publish, CancellationToken cancellationToken)
    {
        try
        {
            await publish;
            return CallOutcome.Accepted();
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return CallOutcome.Timeout;
        }
        catch (NatsException)
        {
            return CallOutcome.Rejected(Recording.ErrorKinds.PublishFailedStatus);
        }
    }

    /// <summary>Waits until the server has every message published so far (a PING answered after them).</summary>
    public ValueTask<TimeSpan> FlushAsync() => _connection.PingAsync();

    public ValueTask DisposeAsync() => _connection.DisposeAsync();
}
