using System.Globalization;
using ArchLab.Contracts.Hosting;
using NATS.Client.Core;
using NATS.Client.JetStream;
using Names = ArchLab.Contracts.Messages.Subjects;

namespace ArchLab.Services.Host.Styles.JetStream;

/// <summary>
/// Copies what a role cannot process to <c>deadletter.&lt;role&gt;</c> (kept by the DEADLETTER stream) with
/// headers saying why and where it came from. Each copy's message id is its source sequence, so a copy made
/// twice (a redelivered malformed message, a repeated advisory) is stored once.
/// </summary>
public sealed class JetStreamDeadLetters(INatsJSContext js, ServiceOptions options, ILogger<JetStreamDeadLetters> logger)
{
    /// <summary>
    /// A message that does not parse: copied, then terminated. Terminated without a reason: nats-server 2.9
    /// ignores a +TERM that has one. If the copy could not be stored the message is nak'd instead, so it is
    /// not dropped; with dead letters off it is only terminated.
    /// </summary>
    public async ValueTask MalformedAsync(INatsJSMsg<byte[]> message, string reason, CancellationToken cancellationToken)
    {
        var sequence = message.Metadata?.Sequence.Stream ?? 0;
        logger.LogWarning("{Role}: malformed message {Seq} on {Subject}: {Reason}", options.Role, sequence, message.Subject, reason);
        var stored = !options.JetStream.DeadLetter
            || await CopyAsync(message.Data ?? [], reason, message.Subject, sequence, (long)(message.Metadata?.NumDelivered ?? 1), cancellationToken);
        try
        {
            await (stored
                ? message.AckTerminateAsync(cancellationToken: cancellationToken)
                : message.NakAsync(new AckOpts { NakDelay = TimeSpan.FromSeconds(1) }, cancellationToken));
        }
        catch (Exception e) when (e is NatsException or TimeoutException or OperationCanceledException)
        {
            logger.LogWarning("{Role}: could not settle malformed message {Seq}: {Error}", options.Role, sequence, e.Message);
        }
    }

    /// <summary>Publishes the copy and awaits the stream's ack; false when it could not be stored.</summary>
    public async ValueTask<bool> CopyAsync(
        ReadOnlyMemory<byte> data, string reason, string subject, ulong sequence, long deliveries, CancellationToken cancellationToken)
    {
        var headers = new NatsHeaders
        {
            [Names.ReasonHeader] = reason,
            [Names.SourceSubjectHeader] = subject,
            [Names.SourceSequenceHeader] = sequence.ToString(CultureInfo.InvariantCulture),
            [Names.DeliveriesHeader] = deliveries.ToString(CultureInfo.InvariantCulture),
        };
        try
        {
            var ack = await js.PublishAsync(Names.DeadLetterFor(options.Role), data, headers: headers,
                opts: new NatsJSPubOpts { MsgId = $"dlq:{options.Role}:{sequence}" }, cancellationToken: cancellationToken);
            ack.EnsureStored();
            return true;
        }
        catch (Exception e) when (e is NatsException or TimeoutException or OperationCanceledException)
        {
            logger.LogWarning("{Role}: could not dead-letter message {Seq}: {Error}", options.Role, sequence, e.Message);
            return false;
        }
    }
}
