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

    /// <summary>
    /// Creates the topology of a <c>jetstream</c> arm; other styles keep nothing, so it does nothing for them. Returns
    /// the settings it gave the broker's stream and consumers.
    /// </summary>
    public static async Task<int> CreateForAsync(string url, ArmSpec arm, int receivers, CancellationToken cancellationToken) =>
        Styles.NeedsStream(arm.Style) ? await CreateAsync(url, arm.JetStream ?? JetStreamArmOptions.Default, cancellationToken, receivers) : 0;

    /// <summary>
    /// The stream that keeps the device updates (<c>devices.&gt;</c>) for pages that follow them with a JetStream consumer:
    /// in memory, limits retention, kept a minute (a page cut off longer than that misses what aged out). Returns the
    /// settings given to the broker.
    /// </summary>
    public static async Task<int> CreateDevicesStreamAsync(string url, CancellationToken cancellationToken)
    {
        await using var nats = new NatsConnection(new NatsOpts { Url = url, Name = "archlab-harness" });
        var config = new StreamConfig(Subjects.DevicesStream, [$"{Subjects.DevicesPrefix}.>"])
        {
            Storage = StreamConfigStorage.Memory,
            MaxAge = TimeSpan.FromMinutes(1),
        };
        await nats.CreateJetStreamContext().CreateOrUpdateStreamAsync(config, cancellationToken);
        return KeysOf(config, new StreamConfig());
    }

    /// <param name="receivers">Fan-out receivers: one durable consumer each on the last subject, so each gets every message.</param>
    /// <returns>The settings given to the broker: those of every configuration as sent that differ from its defaults (<see cref="Parts.ConfigKeys"/>).</returns>
    public static async Task<int> CreateAsync(string url, JetStreamArmOptions options, CancellationToken cancellationToken, int receivers = 1)
    {
        var keys = 0;
        await using var nats = new NatsConnection(new NatsOpts { Url = url, Name = "archlab-harness" });
        var js = nats.CreateJetStreamContext();
        var storage = options.Storage == StreamStorage.Memory ? StreamConfigStorage.Memory : StreamConfigStorage.File;

        // Interest retention: a message leaves the stream once its consumer has acked it, so the stream's
        // message count is the backlog and the store stays small however long the run. A message that ran
        // out of deliveries stays (nobody acks it): the consumer role dead-letters it and deletes it, and with
        // deadLetter off it stays for the checker to count as pending, which is the lesson of that arm.
        var orders = new StreamConfig(Subjects.OrdersStream, [Subjects.OrdersWildcard])
            {
                Storage = storage,
                NumReplicas = options.Replicas,
                Retention = StreamConfigRetention.Interest,
                MaxAge = options.MaxAge,
                MaxMsgs = options.MaxMsgs ?? -1,
                MaxBytes = options.MaxBytes?.Bytes ?? -1,
                Discard = options.Discard == StreamDiscard.New ? StreamConfigDiscard.New : StreamConfigDiscard.Old,
                // The server refuses a duplicate window longer than the TTL.
                DuplicateWindow = options.MaxAge > TimeSpan.Zero && options.MaxAge < DuplicateWindow ? options.MaxAge : DuplicateWindow,
            };
        await js.CreateOrUpdateStreamAsync(orders, cancellationToken);
        // Limits retention, and no limits: a dead letter is kept for whoever looks, however long the run.
        var deadLetters = new StreamConfig(Subjects.DeadLetterStream, [$"{Subjects.DeadLetterPrefix}.>"]) { Storage = storage, NumReplicas = options.Replicas, DuplicateWindow = DuplicateWindow };
        await js.CreateOrUpdateStreamAsync(deadLetters, cancellationToken);
        keys += KeysOf(orders, new StreamConfig()) + KeysOf(deadLetters, new StreamConfig());

        foreach (var role in Roles.StepsOf(receivers))
        {
            var name = Subjects.ConsumerFor(role);
            var consumer = new ConsumerConfig(name)
            {
                FilterSubject = Subjects.ConsumedBy(role),
                AckPolicy = ConsumerConfigAckPolicy.Explicit,
                AckWait = options.EffectiveAckWait,
                MaxAckPending = options.MaxAckPending,
                MaxDeliver = options.MaxDeliver ?? -1,
                DeliverPolicy = ConsumerConfigDeliverPolicy.All,
            };
            if (options.Backoff.Count > 0)
            {
                // nats-server then takes Backoff[0] as the ack wait of the first delivery.
                consumer.Backoff = [.. options.Backoff];
            }

            await js.CreateOrUpdateConsumerAsync(Subjects.OrdersStream, consumer, cancellationToken);
            keys += KeysOf(consumer, new ConsumerConfig());
        }

        return keys;
    }

    /// <summary>The settings of a configuration as the client sends it that differ from the same configuration left at its defaults.</summary>
    private static int KeysOf<T>(T config, T defaults) => Parts.ConfigKeys.Differing(Json(config), Json(defaults));

    private static System.Text.Json.Nodes.JsonNode? Json<T>(T config)
    {
        var body = new System.Buffers.ArrayBufferWriter<byte>();
        NatsJSJsonSerializer<T>.Default.Serialize(body, config);
        return System.Text.Json.Nodes.JsonNode.Parse(body.WrittenSpan);
    }
}
