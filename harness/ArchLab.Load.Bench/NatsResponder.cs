using NATS.Client.Core;

namespace ArchLab.Load.Bench;

/// <summary>
/// The minimal request responder of the NATS benchmark, in a process of its own so that it costs the caller
/// nothing: one subscription, an empty reply to each request, no flush per reply (the client batches writes).
/// Says <c>listening nats://...</c> once the server knows the subscription.
/// </summary>
internal static class NatsResponder
{
    public static async Task<int> RunAsync(string url, string subject)
    {
        await using var nats = new NatsConnection(NatsOpts.Default with { Url = url, Name = "archlab-bench-responder" });
        await nats.ConnectAsync();
        await using var subscription = await nats.SubscribeCoreAsync<NatsMemoryOwner<byte>>(subject);
        await nats.PingAsync(); // the subscription is known to the server once its PING is answered
        Console.WriteLine(NoopServer.ReadyPrefix + url);

        var replies = Task.Run(async () =>
        {
            await foreach (var request in subscription.Msgs.ReadAllAsync())
            {
                using var body = request.Data;
                await request.ReplyAsync(ReadOnlyMemory<byte>.Empty);
            }
        });

        // The parent ends this process by closing its stdin (or by killing it).
        await Console.In.ReadToEndAsync();
        await subscription.UnsubscribeAsync();
        await replies;
        return 0;
    }
}
