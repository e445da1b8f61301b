using ArchLab.Contracts.Messages;
using ArchLab.Contracts.Workflow;
using ArchLab.Harness.Model.Scenarios;
using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;
using NATS.Net;

namespace ArchLab.Harness.Broker;

/// <summary>
/// Creates what a JetStream arm needs before any service starts: the orders stream, a durable consumer
/// per step role, and the dead-letter stream. The harness owns this configuration so that every arm
/// option lands in one place and the broker sampler knows the names.
/// </summary>
public static class JetStreamTopology
{
    /// <summary>How long the stream remembers message ids to drop duplicate publishes.</summary>
    public static readonly TimeSpan DuplicateWindow = TimeSpan.FromMinutes(2);

    public static async Task CreateAsync(string url, JetStreamArmOptions options, CancellationToken cancellationToken)
    {
        await using var nats = new NatsConnection(new NatsOpts { Url = url, Name = "archlab-harness" });
        var js = nats.CreateJetStreamContext();
        var storage = options.Storage == StreamStorage.Memory ? StreamConfigStorage.Memory : StreamConfigStorage.File;

        // Interest retention: a message leaves the stream once its consumer has acked it, so the stream's
        // message count is the backlog and the store stays small however long the run.
        await js.CreateOrUpdateStreamAsync(
            new StreamConfig(Subjects.OrdersStream, [Subjects.OrdersWildcard])
            {
                Storage = storage,
                Retention = StreamConfigRetention.Interest,
                MaxAge = options.MaxAge,
                // The server refuses a duplicate window longer than the TTL.
                DuplicateWindow = options.MaxAge > TimeSpan.Zero && options.MaxAge < DuplicateWindow ? options.MaxAge : DuplicateWindow,
            },
            cancellationToken);
        await js.CreateOrUpdateStreamAsync(
            new StreamConfig(Subjects.DeadLetterStream, [$"{Subjects.DeadLetterPrefix}.>"]) { Storage = storage },
            cancellationToken);

        foreach (var role in Roles.Steps)
        {
            var name = Subjects.ConsumerFor(role);
            await js.CreateOrUpdateConsumerAsync(
                Subjects.OrdersStream,
                new ConsumerConfig(name)
                {
                    FilterSubject = Subjects.ConsumedBy(role),
                    AckPolicy = ConsumerConfigAckPolicy.Explicit,
                    AckWait = options.EffectiveAckWait,
                    MaxAckPending = options.MaxAckPending,
                    DeliverPolicy = ConsumerConfigDeliverPolicy.All,
                },
                cancellationToken);
        }
    }
}
