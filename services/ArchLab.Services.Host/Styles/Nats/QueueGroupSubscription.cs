using System.Threading.Channels;
using ArchLab.Services.Core.Steps;
using NATS.Client.Core;

namespace ArchLab.Services.Host.Styles.Nats;

/// <summary>
/// A step role's core NATS subscription in its queue group, each message handed to a handler with at most
/// <c>concurrency</c> running at once. The client's buffer waits when full, so our side never drops a message (the
/// server may cut a slow consumer off, as it would a real one). <paramref name="started"/> completes once the server
/// knows the subscription (a ping after the subscribe): from then on no message to the role is missed.
/// </summary>
internal static class QueueGroupSubscription
{
    public static async Task RunAsync(
        NatsConnection nats, string subject, string queueGroup, int concurrency, TaskCompletionSource started,
        Func<NatsMsg<byte[]>, ValueTask> handle, CancellationToken stoppingToken)
    {
        using var slots = new SemaphoreSlim(concurrency, concurrency);
        try
        {
            var opts = new NatsSubOpts
            {
                ChannelOpts = new NatsSubChannelOpts { Capacity = Math.Max(64, 4 * concurrency), FullMode = BoundedChannelFullMode.Wait },
            };
            await using var subscription = await nats.SubscribeCoreAsync<byte[]>(subject, queueGroup: queueGroup, opts: opts, cancellationToken: stoppingToken);
            await nats.PingAsync(stoppingToken);
            started.TrySetResult();
            await foreach (var message in subscription.Msgs.ReadAllAsync(stoppingToken))
            {
                await slots.WaitAsync(stoppingToken);
                var handling = StepSpans.Source.HasListeners() ? HandleTracedAsync(message, queueGroup, handle) : handle(message);
                _ = handling.AsTask().ContinueWith(_ => slots.Release(), TaskScheduler.Default);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>
    /// Handles a message under a processing span, the child of the client's receive span (whose parent came in the
    /// message's headers), so that the step's span joins the sender's trace. No span while nothing traces.
    /// </summary>
    private static async ValueTask HandleTracedAsync(NatsMsg<byte[]> message, string role, Func<NatsMsg<byte[]>, ValueTask> handle)
    {
        using var processing = message.StartActivity("process " + role);
        await handle(message);
    }
}
