using System.Globalization;
using ArchLab.Contracts.Hosting;
using ArchLab.Contracts.Messages;
using ArchLab.Contracts.Workflow;
using ArchLab.Integration.Tests.Fixtures;
using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;
using NATS.Net;

namespace ArchLab.Integration.Tests.Services;

/// <summary>
/// A JetStream arm that gives up on a message after three deliveries, nak'd 500ms then 1s apart. nats-server
/// takes backoff[0] as the ack wait of a first delivery: shorter, and a busy machine would see redeliveries.
/// </summary>
public sealed class JetStreamMaxDeliverArm : ArmFixture
{
    public override string Style => Styles.JetStream;

    protected override string ArmOptions => "ackWait: 5s, maxDeliver: 3, backoff: [500ms, 1s]";
}

/// <summary>Redelivery with a bound, dead letters with their reasons, and publish de-duplication, on a real nats-server.</summary>
[Collection(ArmProcesses.Name)]
public sealed class JetStreamDeliveryTests(JetStreamMaxDeliverArm arm) : IClassFixture<JetStreamMaxDeliverArm>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_poison_order_past_max_deliveries_is_copied_to_the_dead_letters_with_its_story_and_removed_from_the_stream()
    {
        await using var nats = new NatsConnection(new NatsOpts { Url = arm.Broker!.ClientUrl });
        var js = nats.CreateJetStreamContext();
        var poison = arm.NextId();
        await arm.SetFaultsAsync(Roles.Payment, new StepFaults(PoisonNonce: arm.Nonce, PoisonSeqs: [poison.Seq]));

        using var client = new HttpClient();
        using var response = await System.Net.Http.Json.HttpClientJsonExtensions.PostAsJsonAsync(client, new Uri(arm.Edge, "/orders"), new PlaceOrder(poison.ToString(), "p"), Cancel);
        Assert.True(response.IsSuccessStatusCode);

        var deadLetters = await js.GetStreamAsync(Subjects.DeadLetterStream, cancellationToken: Cancel);
        StreamMsgGetResponse? letter = null;
        await Eventually.TrueAsync(async () =>
        {
            try
            {
                letter = await deadLetters.GetAsync(new StreamMsgGetRequest { LastBySubj = Subjects.DeadLetterFor(Roles.Payment) }, Cancel);
                return true;
            }
            catch (NatsJSApiException)
            {
                return false;
            }
        }, TimeSpan.FromSeconds(20), "the poison order in the payment dead letters");
        await arm.ClearFaultsAsync(Roles.Payment);

        var headers = Headers(letter!.Message.Hdrs);
        Assert.Equal("max deliveries reached (3)", headers[Subjects.ReasonHeader]);
        Assert.Equal(Subjects.InventoryReserved, headers[Subjects.SourceSubjectHeader]);
        Assert.Equal("3", headers[Subjects.DeliveriesHeader]);
        Assert.Contains(poison.ToString(), System.Text.Encoding.UTF8.GetString(letter.Message.Data.Span), StringComparison.Ordinal);
        var sequence = ulong.Parse(headers[Subjects.SourceSequenceHeader], CultureInfo.InvariantCulture);
        var orders = await js.GetStreamAsync(Subjects.OrdersStream, cancellationToken: Cancel);
        // Copied first, then removed: the removal follows the copy by a moment.
        await Eventually.TrueAsync(async () =>
        {
            try
            {
                await orders.GetAsync(new StreamMsgGetRequest { Seq = sequence }, Cancel);
                return false;
            }
            catch (NatsJSApiException e) when (e.Error.Code == 404)
            {
                return true;
            }
        }, TimeSpan.FromSeconds(10), $"message {sequence} removed from the orders stream");
        Assert.Equal((3, 0, 0), (arm.FailedAttemptsOf(Roles.Payment, poison), arm.EffectsOf(Roles.Payment, poison), arm.EffectsOf(Roles.Notify, poison)));
    }

    [Fact]
    public async Task The_same_order_published_twice_is_stored_once_and_the_duplicate_ack_is_a_success()
    {
        await using var nats = new NatsConnection(new NatsOpts { Url = arm.Broker!.ClientUrl });
        var js = nats.CreateJetStreamContext();
        var id = arm.NextId();
        var body = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(new StepMessage(id.ToString(), 1, "p"), ContractsJsonContext.Default.StepMessage);

        var first = await js.PublishAsync(Subjects.OrderPlaced, body, opts: new NatsJSPubOpts { MsgId = id.ToString() }, cancellationToken: Cancel);
        var second = await js.PublishAsync(Subjects.OrderPlaced, body, opts: new NatsJSPubOpts { MsgId = id.ToString() }, cancellationToken: Cancel);

        Assert.Equal((null, null), (first.Error, second.Error));
        Assert.Equal((false, true, first.Seq), (first.Duplicate, second.Duplicate, second.Seq));
        await Eventually.TrueAsync(() => arm.EffectsOf(Roles.Notify, id) == 1, TimeSpan.FromSeconds(15), "the order completed");
        Assert.Equal(1, arm.EffectsOf(Roles.Inventory, id));
    }

    private static Dictionary<string, string> Headers(string? raw)
    {
        // The stored message's headers come back as the NATS/1.0 header block, base64-encoded.
        var text = raw is null ? "" : System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(raw));
        return text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(line => line.Split(':', 2))
            .ToDictionary(parts => parts[0].Trim(), parts => parts[1].Trim(), StringComparer.Ordinal);
    }
}
