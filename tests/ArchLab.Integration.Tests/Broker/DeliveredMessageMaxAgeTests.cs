using ArchLab.Contracts.Hosting;
using ArchLab.Harness.Broker;
using ArchLab.Integration.Tests.Fixtures;
using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;
using NATS.Net;

namespace ArchLab.Integration.Tests.Broker;

/// <summary>
/// What the simulator's JetStream model assumes of nats-server and NATS.Client.JetStream, checked on the real ones:
/// a message the client pulled is past the stream's reach. max_age removes the stored copy of a delivered, unacked
/// message as of any other, but the client's copy in its pull buffer is still handed to the application; what was
/// never delivered is gone for good.
/// </summary>
public sealed class DeliveredMessageMaxAgeTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Max_age_removes_delivered_messages_from_the_stream_but_the_client_still_processes_its_buffered_copies()
    {
        using var folder = new TempFolder("max-age-delivered");
        var binary = NatsServerLocator.Find() ?? throw new InvalidOperationException("nats-server is required by the integration tests (./archlab test installs it)");
        await using var server = await LocalNatsServer.StartAsync(binary, Path.Combine(folder.Path, "store"), Path.Combine(folder.Path, "nats.log"), Cancel);
        await using var nats = new NatsConnection(new NatsOpts { Url = server.ClientUrl });
        var js = nats.CreateJetStreamContext();
        var stream = await js.CreateStreamAsync(new StreamConfig("AGE", ["age.>"]) { MaxAge = TimeSpan.FromSeconds(1), Storage = StreamConfigStorage.Memory }, Cancel);
        var consumer = await js.CreateOrUpdateConsumerAsync("AGE", new ConsumerConfig("c") { AckPolicy = ConsumerConfigAckPolicy.Explicit, AckWait = TimeSpan.FromSeconds(30) }, Cancel);
        for (var i = 1; i <= 4; i++)
        {
            Assert.Null((await js.PublishAsync("age.m", i, cancellationToken: Cancel)).Error);
        }

        // One handler: the service's pull for it asks for two messages, so two of the four reach the client.
        var pull = JetStreamPull.For(1);
        Assert.Equal(2, pull.MaxMsgs);
        var opts = new NatsJSConsumeOpts { MaxMsgs = pull.MaxMsgs, ThresholdMsgs = pull.ThresholdMsgs, Expires = pull.Expires, IdleHeartbeat = pull.IdleHeartbeat };
        await using var messages = consumer.ConsumeAsync<int>(opts: opts, cancellationToken: Cancel).GetAsyncEnumerator(Cancel);

        // The handler holds the first message (not taken from the enumerator yet: no refill) while max_age passes.
        Assert.True(await messages.MoveNextAsync());
        var first = messages.Current;
        await Eventually.TrueAsync(async () =>
        {
            await consumer.RefreshAsync(Cancel);
            return consumer.Info.NumAckPending == 2;
        }, TimeSpan.FromSeconds(5), "both pulled messages delivered to the client");
        await Eventually.TrueAsync(async () =>
        {
            await stream.RefreshAsync(Cancel);
            return stream.Info.State.Messages == 0;
        }, TimeSpan.FromSeconds(10), "max_age removing every stored message, the two delivered and unacked ones included");

        // The client's copies outlive the stored ones: the held message and the one in the pull buffer are processed.
        await first.AckAsync(cancellationToken: Cancel);
        Assert.True(await messages.MoveNextAsync());
        var second = messages.Current;
        await second.AckAsync(cancellationToken: Cancel);
        Assert.Equal([1, 2], new[] { first.Data, second.Data });

        // What was never delivered expired in the stream: nothing is left to deliver, and nothing more was delivered.
        await consumer.RefreshAsync(Cancel);
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"after max_age: stream messages {stream.Info.State.Messages}, consumer pending {consumer.Info.NumPending}, ack pending {consumer.Info.NumAckPending}, delivered {consumer.Info.Delivered.ConsumerSeq}");
        Assert.Equal(0UL, consumer.Info.NumPending);
        Assert.Equal(2UL, consumer.Info.Delivered.ConsumerSeq);
    }
}
