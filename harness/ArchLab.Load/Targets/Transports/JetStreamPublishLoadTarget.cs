using System.Runtime.CompilerServices;
using ArchLab.Load.Recording;
using NATS.Client.Core;
using NATS.Client.JetStream;

namespace ArchLab.Load.Targets.Transports;

/// <summary>
/// JetStream publish: accepted when the stream's PubAck arrives, that is once the message is stored. At most
/// <see cref="NatsTargetOptions.Window"/> publishes wait for their ack at once; a call waits for room first, and that
/// wait is part of its latency (a window of 1 is a publisher that awaits each ack before the next publish). An ack
/// with an error (the stream refused the message) is <c>publish_failed</c>; no stream on the subject, <c>no_responders</c>.
/// </summary>
public sealed class JetStreamPublishLoadTarget : ILoadTarget, IAsyncDisposable
{
    private readonly NatsConnection _connection;
    private readonly INatsJSContext _js;
    private readonly SeqPayload _payload;
    private readonly string _subject;
    private readonly SemaphoreSlim _window;
    private readonly NatsJSPubOpts _opts = new() { RetryAttempts = 1 };

    private JetStreamPublishLoadTarget(NatsConnection connection, NatsTargetOptions options)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Window, 1);
        _connection = connection;
        _js = new NatsJSContext(connection);
        _subject = options.Subject;
        _payload = new SeqPayload(options.PayloadBytes);
        _window = new SemaphoreSlim(options.Window, options.Window);
    }

    /// <summary>Connects to the server and returns the target; throws when the server does not answer.</summary>
    public static Task<JetStreamPublishLoadTarget> ConnectAsync(NatsTargetOptions options, CancellationToken cancellationToken) =>
        NatsConnections.ConnectAsync(options, connection => new JetStreamPublishLoadTarget(connection, options), cancellationToken);

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<CallOutcome> SendAsync(long seq, CancellationToken cancellationToken)
    {
        try
        {
            await _window.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return CallOutcome.Timeout;
        }

        try
        {
            var ack = await _js.PublishAsync(_subject, seq, serializer: _payload, opts: _opts, cancellationToken: cancellationToken);
            return ack.Error is null ? CallOutcome.Accepted() : CallOutcome.Rejected(ErrorKinds.PublishFailedStatus);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return CallOutcome.Timeout;
        }
        catch (NatsJSPublishNoResponseException)
        {
            return CallOutcome.Rejected(ErrorKinds.NoRespondersStatus);
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
        finally
        {
            _window.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _connection.DisposeAsync();
        _window.Dispose();
    }
}
