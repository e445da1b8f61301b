using System.Text.Json;
using ArchLab.Contracts.Hosting;
using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;
using Names = ArchLab.Contracts.Messages.Subjects;

namespace ArchLab.Services.Host.Styles.JetStream;

/// <summary>
/// Dead-letters the messages of this role's consumer that ran out of deliveries. nats-server announces
/// each with a max-deliveries advisory (a core message: it reaches whoever listens at that moment, which is
/// this role, the one that was handed the deliveries) and leaves the message in the stream. The watcher
/// fetches it by sequence, copies it to <c>deadletter.&lt;role&gt;</c> with the reason, subject, sequence and
/// delivery count, then deletes it from ORDERS, where interest retention would otherwise keep it forever.
/// </summary>
public sealed class MaxDeliveriesWatcher(
    NatsConnection nats,
    INatsJSContext js,
    ServiceOptions options,
    JetStreamDeadLetters deadLetters,
    ILogger<MaxDeliveriesWatcher> logger) : BackgroundService
{
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once the advisory subscription is known to the server.</summary>
    public Task Started => _started.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            var subject = Names.MaxDeliveriesAdvisory(Names.ConsumerFor(options.Role));
            await using var advisories = await nats.SubscribeCoreAsync<byte[]>(subject, cancellationToken: stoppingToken);
            await nats.PingAsync(stoppingToken);
            _started.TrySetResult();
            await foreach (var advisory in advisories.Msgs.ReadAllAsync(stoppingToken))
            {
                if (Parse(advisory.Data) is { } exceeded)
                {
                    await DeadLetterAsync(exceeded.Sequence, exceeded.Deliveries, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task DeadLetterAsync(ulong sequence, long deliveries, CancellationToken cancellationToken)
    {
        try
        {
            var stored = await js.GetStreamAsync(Names.OrdersStream, cancellationToken: cancellationToken);
            var message = (await stored.GetAsync(new StreamMsgGetRequest { Seq = sequence }, cancellationToken)).Message;
            var reason = $"max deliveries reached ({deliveries})";
            logger.LogWarning("{Role}: message {Seq} on {Subject}: {Reason}; dead-lettering", options.Role, sequence, message.Subject, reason);
            if (await deadLetters.CopyAsync(message.Data, reason, message.Subject, sequence, deliveries, cancellationToken))
            {
                await stored.DeleteMessageAsync(new StreamMsgDeleteRequest { Seq = sequence, NoErase = true }, cancellationToken);
            }
        }
        catch (NatsJSApiException e) when (e.Error.Code == 404)
        {
            // Gone already: acked at the last moment, expired, or dead-lettered by a previous advisory.
            logger.LogInformation("{Role}: message {Seq} past max deliveries is no longer in the stream: {Error}", options.Role, sequence, e.Error.Description);
        }
        catch (Exception e) when (e is NatsException or TimeoutException)
        {
            logger.LogWarning("{Role}: could not dead-letter message {Seq} past max deliveries: {Error}", options.Role, sequence, e.Message);
        }
    }

    /// <summary>The stream sequence and delivery count of a <c>io.nats.jetstream.advisory.v1.max_deliver</c> advisory.</summary>
    internal static (ulong Sequence, long Deliveries)? Parse(byte[]? json)
    {
        if (json is not { Length: > 0 })
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            return root.TryGetProperty("stream_seq", out var seq) && seq.TryGetUInt64(out var sequence)
                ? (sequence, root.TryGetProperty("deliveries", out var d) && d.TryGetInt64(out var deliveries) ? deliveries : 0)
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
