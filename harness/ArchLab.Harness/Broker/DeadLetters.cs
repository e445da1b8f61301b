using System.Diagnostics;
using System.Text.Json;
using ArchLab.Contracts.Messages;
using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;
using NATS.Net;

namespace ArchLab.Harness.Broker;

/// <summary>
/// Reads the orders whose messages a stream holds: the dead-letter stream's, so the checker accounts for them instead
/// of calling them lost; and what the orders stream still holds when the drain ends (an interest stream keeps a
/// message only until every consumer has acknowledged it), so an order left there is pending and one not there is lost.
/// </summary>
public static class DeadLetters
{
    /// <summary>Above this many messages the held orders are not read one by one: every incomplete order counts as held.</summary>
    public const long MaxHeldRead = 100_000;

    public static async Task<HashSet<OrderId>> ReadAsync(string url, CancellationToken cancellationToken) =>
        (await OrdersInAsync(url, Subjects.DeadLetterStream, long.MaxValue, cancellationToken))!;

    /// <summary>
    /// The orders the orders stream still holds a message of; null where it holds more than <see cref="MaxHeldRead"/>.
    /// After a power loss the broker's counters can count a message its store no longer has (the drain of durability's
    /// r1 ended with a backlog of 1 while 35 orders had no message left): the messages themselves say which orders wait.
    /// </summary>
    public static async Task<HashSet<OrderId>?> HeldAsync(string url, CancellationToken cancellationToken)
    {
        try
        {
            return await OrdersInAsync(url, Subjects.OrdersStream, MaxHeldRead, cancellationToken);
        }
        catch (NatsJSApiException)
        {
            return null; // not readable now: every incomplete order counts as held, as without this reading
        }
    }

    /// <summary>How long a stream that is "temporarily unavailable" is asked again.</summary>
    private static readonly TimeSpan Unavailable = TimeSpan.FromSeconds(10);

    private static async Task<HashSet<OrderId>?> OrdersInAsync(string url, string streamName, long max, CancellationToken cancellationToken)
    {
        var ids = new HashSet<OrderId>();
        await using var nats = new NatsConnection(new NatsOpts { Url = url, Name = "archlab-harness-stream-reader" });
        var js = nats.CreateJetStreamContext();
        INatsJSStream stream;
        var deadline = Stopwatch.GetTimestamp() + (Unavailable.Ticks * Stopwatch.Frequency / TimeSpan.TicksPerSecond);
        while (true)
        {
            try
            {
                stream = await js.GetStreamAsync(streamName, cancellationToken: cancellationToken);
                break;
            }
            catch (NatsJSApiException e) when (e.Error.Code == 404)
            {
                return ids;
            }
            catch (NatsJSApiException e) when (e.Error.Code == 503 && Stopwatch.GetTimestamp() < deadline)
            {
                // A cluster electing its meta leader (after a power loss) says "temporarily unavailable": ask again.
                await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken);
            }
        }

        var state = stream.Info.State;
        if (state.Messages > max)
        {
            return null;
        }

        for (var seq = state.FirstSeq; seq <= state.LastSeq && state.Messages > 0; seq++)
        {
            StreamMsgGetResponse stored;
            try
            {
                stored = await stream.GetAsync(new StreamMsgGetRequest { Seq = seq }, cancellationToken);
            }
            catch (NatsJSApiException e) when (e.Error.Code == 404)
            {
                continue; // a gap: deleted
            }

            if (TryOrderId(stored.Message.Data, out var id))
            {
                ids.Add(id);
            }
        }

        return ids;
    }

    private static bool TryOrderId(ReadOnlyMemory<byte> data, out OrderId id)
    {
        id = default;
        try
        {
            var message = JsonSerializer.Deserialize(data.Span, ContractsJsonContext.Default.StepMessage);
            return OrderId.TryParse(message?.OrderId, out id);
        }
        catch (JsonException)
        {
            return false; // a malformed message: dead-lettered, but it was never an order
        }
    }
}
