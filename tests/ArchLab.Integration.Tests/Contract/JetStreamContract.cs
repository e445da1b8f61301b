using ArchLab.Contracts.Messages;
using ArchLab.Contracts.Workflow;
using ArchLab.Integration.Tests.Fixtures;
using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Net;

namespace ArchLab.Integration.Tests.Contract;

/// <summary>The contract, plus what only a consumer can show: a malformed message is dead-lettered and the consumer goes on.</summary>
[Collection(ArmProcesses.Name)]
public sealed class JetStreamContract(JetStreamArm arm) : StyleContract<JetStreamArm>(arm), IClassFixture<JetStreamArm>
{
    [Fact]
    public async Task A_malformed_message_goes_to_the_dead_letter_subject_and_the_consumer_keeps_running()
    {
        var cancel = TestContext.Current.CancellationToken;
        await using var nats = new NatsConnection(new NatsOpts { Url = Arm.Broker!.ClientUrl });
        var js = nats.CreateJetStreamContext();

        var ack = await js.PublishAsync(Subjects.OrderPlaced, "this is not an order"u8.ToArray(), cancellationToken: cancel);
        ack.EnsureSuccess();

        await Eventually.TrueAsync(async () => (await js.GetStreamAsync(Subjects.DeadLetterStream, cancellationToken: cancel)).Info.State.Messages >= 1,
            TimeSpan.FromSeconds(15), "the malformed message in the dead-letter stream");
        var deadLetter = await js.GetStreamAsync(Subjects.DeadLetterStream, cancellationToken: cancel);
        var stored = await deadLetter.GetAsync(new NATS.Client.JetStream.Models.StreamMsgGetRequest { LastBySubj = Subjects.DeadLetterFor(Roles.Inventory) }, cancel);
        Assert.Equal("this is not an order", System.Text.Encoding.UTF8.GetString(stored.Message.Data.Span));

        var id = Arm.NextId();
        using var response = await PlaceAsync(id);
        Assert.True(response.IsSuccessStatusCode);
        await Eventually.TrueAsync(() => Arm.EffectsOf(Roles.Notify, id) == 1, TimeSpan.FromSeconds(15), "a good order after the bad one");
    }
}
