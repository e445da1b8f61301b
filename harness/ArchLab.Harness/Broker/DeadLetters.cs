using System.Text.Json;
using ArchLab.Contracts.Messages;
using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;
using NATS.Net;

namespace ArchLab.Harness.Broker;

/// <summary>Reads which orders ended in the dead-letter stream, so the checker accounts for them instead of calling them lost.</summary>
public static class DeadLetters
{
    public static async Task<HashSet<OrderId>> ReadAsync(string url, CancellationToken cancellationToken)
    {
        var ids = new HashSet<OrderId>();
        await using var nats = new NatsConnection(new NatsOpts { Url = url, Name = "archlab-harness-deadletters" });
        var js = nats.CreateJetStreamContext();
        INatsJSStream stream;
        try
        {
            stream = await js.GetStreamAsync(Subjects.DeadLetterStream, cancellationToken: cancellationToken);
        }
        catch (NatsJSApiException e) when (e.Error.Code == 404)
        {
            return ids;
        }

        var state = stream.Info.State;
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
