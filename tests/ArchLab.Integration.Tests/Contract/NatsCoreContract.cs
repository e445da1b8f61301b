using System.Text;
using ArchLab.Contracts.Messages;
using ArchLab.Contracts.Workflow;
using ArchLab.Integration.Tests.Fixtures;
using NATS.Client.Core;

namespace ArchLab.Integration.Tests.Contract;

/// <summary>The contract, plus what only a subscriber can show: a malformed message goes to the dead-letter subject and the subscriber goes on.</summary>
[Collection(ArmProcesses.Name)]
public sealed class NatsCoreContract(NatsCoreArm arm) : StyleContract<NatsCoreArm>(arm), IClassFixture<NatsCoreArm>
{
    [Fact]
    public async Task A_malformed_message_goes_to_the_dead_letter_subject_and_the_subscriber_keeps_running()
    {
        var cancel = TestContext.Current.CancellationToken;
        await using var nats = new NatsConnection(new NatsOpts { Url = Arm.Broker!.ClientUrl });
        await using var deadLetters = await nats.SubscribeCoreAsync<string>(Subjects.DeadLetterFor(Roles.Inventory), cancellationToken: cancel);
        await nats.PingAsync(cancel);

        await nats.PublishAsync(Subjects.Core(Subjects.OrderPlaced), Encoding.UTF8.GetBytes("this is not an order"), cancellationToken: cancel);

        var letter = await deadLetters.Msgs.ReadAsync(cancel).AsTask().WaitAsync(TimeSpan.FromSeconds(15), cancel);
        Assert.Equal("this is not an order", letter.Data);
        Assert.Equal(Subjects.Core(Subjects.OrderPlaced), letter.Headers?[Subjects.SourceSubjectHeader].ToString());
        var id = Arm.NextId();
        using var response = await PlaceAsync(id);
        Assert.True(response.IsSuccessStatusCode);
        await Eventually.TrueAsync(() => Arm.EffectsOf(Roles.Notify, id) == 1, TimeSpan.FromSeconds(15), "a good order after the bad one");
    }
}
