using System.Runtime.CompilerServices;
using ArchLab.Load.Recording;
using NATS.Client.Core;

namespace ArchLab.Load.Targets.Transports;

/// <summary>
/// Core NATS request-reply: accepted when the reply arrives (the client's shared reply inbox, one subscription for
/// all requests). Nobody subscribed on the subject: the server says so at once, counted as <c>no_responders</c>; no
/// reply before the engine's timeout: <c>timeout</c>; the connection refusing the publish: <c>publish_failed</c>.
/// </summary>
public sealed class NatsRequestLoadTarget : ILoadTarget, IAsyncDisposable
{
    private readonly NatsConnection _connection;
    private readonly SeqPayload _payload;
    private readonly string _subject;
    private readonly NatsSubOpts _replyOpts;

    private NatsRequestLoadTarget(NatsConnection connection, NatsTargetOptions options)
    {
        _connection = connection;
        _subject = options.Subject;
        _payload = new SeqPayload(options.PayloadBytes);
        _replyOpts = new NatsSubOpts { Timeout = options.ClientTimeout, ThrowIfNoResponders = true };
    }

    /// <summary>Connects to the server and returns the target; throws when the server does not answer.</summary>
    public static Task<NatsRequestLoadTarget> ConnectAsync(NatsTargetOptions options, CancellationToken cancellationToken) =>
        NatsConnections.ConnectAsync(options, connection => new NatsRequestLoadTarget(connection, options), cancellationToken);

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<CallOutcome> SendAsync(long seq, CancellationToken cancellationToken)
    {
        try
        {
            await _connection.RequestAsync(_subject, seq, requestSerializer: _payload, replySerializer: ReplyLength.Instance,
                replyOpts: _replyOpts, cancellationToken: cancellationToken);
            return CallOutcome.Accepted();
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return CallOutcome.Timeout;
        }
        catch (NatsNoRespondersException)
        {
            return CallOutcome.Rejected(ErrorKinds.NoRespondersStatus);
        }
        catch (NatsNoReplyException)
        {
            return CallOutcome.Timeout;
        }
        catch (NatsException)
        {
            return CallOutcome.Rejected(ErrorKinds.PublishFailedStatus);
        }
    }

    public ValueTask DisposeAsync() => _connection.DisposeAsync();
}
