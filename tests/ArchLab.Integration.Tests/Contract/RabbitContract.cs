using ArchLab.Contracts.Messages;
using ArchLab.Contracts.Workflow;
using ArchLab.Harness.Rabbit;
using ArchLab.Integration.Tests.Fixtures;
using RabbitMQ.Client;

namespace ArchLab.Integration.Tests.Contract;

/// <summary>
/// The contract over RabbitMQ, plus what only a consumer can show: a malformed message is rejected to the dead-letter
/// queue (the broker's dead-letter exchange, reason rejected) and the consumer goes on.
/// </summary>
[Collection(ArmProcesses.Name)]
public sealed class RabbitContract(RabbitArm arm) : StyleContract<RabbitArm>(arm), IClassFixture<RabbitArm>
{
    [Fact]
    public async Task A_malformed_message_goes_to_the_dead_letter_queue_and_the_consumer_keeps_running()
    {
        var cancel = TestContext.Current.CancellationToken;
        await using var connection = await new ConnectionFactory { Uri = Arm.RabbitUrl! }.CreateConnectionAsync(cancel);
        await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(true, true), cancel);
        await channel.BasicPublishAsync(RabbitNames.OrdersExchange, Subjects.OrderPlaced, mandatory: true, new BasicProperties { Persistent = true },
            "this is not an order"u8.ToArray(), cancel);

        BasicGetResult? dead = null;
        await Eventually.TrueAsync(async () => (dead = await channel.BasicGetAsync(RabbitNames.DeadLetterQueue, autoAck: true, cancel)) is not null,
            TimeSpan.FromSeconds(15), "the malformed message in the dead-letter queue");
        Assert.Equal("this is not an order", System.Text.Encoding.UTF8.GetString(dead!.Body.Span));
        Assert.Equal("rejected", RabbitBooks.ReasonOf(dead.BasicProperties));

        var id = Arm.NextId();
        using var response = await PlaceAsync(id);
        Assert.True(response.IsSuccessStatusCode);
        await Eventually.TrueAsync(() => Arm.EffectsOf(Roles.Notify, id) == 1, TimeSpan.FromSeconds(15), "a good order after the bad one");
    }
}
