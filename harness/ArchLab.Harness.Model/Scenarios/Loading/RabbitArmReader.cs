using YamlDotNet.RepresentationModel;

namespace ArchLab.Harness.Model.Scenarios.Loading;

/// <summary>
/// Reads the queue and consumer options of a <c>rabbitmq</c> arm. The names it shares with <c>jetstream</c> have the
/// same syntax; what RabbitMQ 3.10 cannot honour is refused here with the reason, never ignored: a delivery limit on a
/// classic queue, drop-head overflow on a quorum queue that dead-letters (at most once), and, through
/// <see cref="Refused"/>, the JetStream options that have no RabbitMQ counterpart.
/// </summary>
internal static class RabbitArmReader
{
    public static readonly string[] Options = ["queue", "maxAge", "maxMsgs", "discard", "maxDeliver", "backoff", "prefetch", "idempotent", "deadLetter"];

    /// <summary>
    /// Why a <c>rabbitmq</c> arm refuses an option of another style, said after which styles it is for (in place
    /// of "this arm's style is rabbitmq"), for the options whose name suggests RabbitMQ might have them.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> Refused = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["ackWait"] = "RabbitMQ has no per-consumer ack wait: an unacknowledged message is redelivered when its consumer's channel closes, or after the broker's consumer_timeout (30 min)",
        ["dedupe"] = "RabbitMQ has no broker-side deduplication; use idempotent: true",
        ["maxAckPending"] = "RabbitMQ's is prefetch (basic.qos); use prefetch",
        ["storage"] = "a quorum queue is on disk, a classic one here transient: use queue (quorum or classic)",
        ["replicas"] = "the lab runs one RabbitMQ node, so a quorum queue has one replica",
        ["nodes"] = "the lab runs one RabbitMQ node",
        ["maxBytes"] = "a rabbitmq arm bounds its queues by message count alone: use maxMsgs (x-max-length)",
        ["writeback"] = "power-loss faults are built for nats-server's store only; a rabbitmq arm's broker can be killed, stopped or paused",
        ["powerLoss"] = "power-loss faults are built for nats-server's store only; a rabbitmq arm's broker can be killed, stopped or paused",
        ["syncInterval"] = "it is nats-server's sync_interval; RabbitMQ has none to set (a quorum queue confirms a publish once its log is fsynced)",
    };

    private static readonly string[] Queues = ["quorum", "classic"];
    private static readonly string[] Discards = ["old", "new"];

    /// <summary>basic.qos carries prefetch_count in 16 bits.</summary>
    private const int MaxPrefetch = ushort.MaxValue;

    private const string DropHeadLosesDeadLetters =
        "RabbitMQ dead-letters at least once only with x-overflow: reject-publish; with drop-head the dropped messages are dead-lettered at most once; use discard: new, or deadLetter: false";

    private const string ClassicCountsNothing = "x-delivery-limit is a quorum queue feature; a classic queue redelivers without counting";

    public static RabbitArmOptions Read(Fields fields)
    {
        var defaults = RabbitArmOptions.Default;
        var classic = fields.Choice("queue", Queues) == "classic";
        var maxDeliver = fields.Integer("maxDeliver", min: 1);
        var backoff = ReadBackoff(fields);
        if (classic)
        {
            if (maxDeliver is not null)
            {
                fields.NotHere("maxDeliver", $"needs queue: quorum: {ClassicCountsNothing}");
            }

            if (backoff is { Count: > 0 })
            {
                fields.NotHere("backoff", $"needs queue: quorum: its retries count deliveries as x-delivery-limit does, and {ClassicCountsNothing}");
            }
        }
        else if (backoff is { Count: > 0 } && (maxDeliver ?? 0) <= backoff.Count)
        {
            // The rule jetstream has from nats-server, kept for the same reason: delivery n fails into backoff[n-1],
            // so with maxDeliver at most the length the last delays are never used, and without one retries never end.
            if (fields.Has("maxDeliver"))
            {
                if (maxDeliver is not null)
                {
                    fields.Wrong("maxDeliver", $"expected a whole number > {backoff.Count} (the length of backoff: delivery n fails into backoff[n-1], so with fewer its last delays are never used), got '{maxDeliver}'");
                }
            }
            else
            {
                fields.NotHere("backoff", $"needs maxDeliver greater than its length ({backoff.Count}), as with jetstream: retries end at maxDeliver, each after its delay; add maxDeliver: {backoff.Count + 1} or more");
            }
        }

        var maxAge = fields.Duration("maxAge");
        if (maxAge > TimeSpan.Zero && !IsWholeMilliseconds(maxAge.Value))
        {
            fields.Wrong("maxAge", $"expected 0s (no TTL) or a whole number of milliseconds >= 1ms (x-message-ttl counts milliseconds), got {Nodes.Describe(fields.Value("maxAge")!)}");
        }

        var maxMsgs = fields.Integer("maxMsgs", min: 1);
        var discard = fields.Choice("discard", Discards);
        var deadLetter = fields.Boolean("deadLetter");
        var dropsHead = !fields.Has("discard") || discard == "old";
        var deadLetters = fields.Has("deadLetter") ? deadLetter == true : defaults.DeadLetter;
        if (!classic && maxMsgs is not null && dropsHead && deadLetters)
        {
            var (field, with) = fields.Has("discard")
                ? ("discard", $"old, with maxMsgs and deadLetter: true{(fields.Has("deadLetter") ? "" : " (the default)")},")
                : ("maxMsgs", $"with discard: old (the default) and deadLetter: true{(fields.Has("deadLetter") ? "" : " (the default)")}");
            fields.NotHere(field, $"{with} is refused on a quorum queue: {DropHeadLosesDeadLetters}");
        }

        var prefetch = fields.Integer("prefetch", min: 1);
        if (prefetch > MaxPrefetch)
        {
            fields.Wrong("prefetch", $"expected a whole number from 1 to {MaxPrefetch} (basic.qos carries prefetch_count in 16 bits), got '{prefetch}'");
            prefetch = null;
        }

        return defaults with
        {
            Queue = classic ? RabbitQueueType.Classic : defaults.Queue,
            MaxAge = maxAge ?? defaults.MaxAge,
            MaxMsgs = maxMsgs ?? defaults.MaxMsgs,
            Discard = discard == "new" ? StreamDiscard.New : defaults.Discard,
            MaxDeliver = maxDeliver ?? defaults.MaxDeliver,
            Backoff = backoff ?? defaults.Backoff,
            Prefetch = prefetch ?? defaults.Prefetch,
            Idempotent = fields.Boolean("idempotent") ?? defaults.Idempotent,
            DeadLetter = deadLetter ?? defaults.DeadLetter,
        };
    }

    /// <summary>The backoff list; each delay becomes a retry queue's <c>x-message-ttl</c>, so in whole milliseconds.</summary>
    private static IReadOnlyList<TimeSpan>? ReadBackoff(Fields fields)
    {
        var backoff = fields.DurationList("backoff", "[100ms, 500ms, 1s]");
        if (backoff is null || fields.Value("backoff") is not YamlSequenceNode list)
        {
            return backoff;
        }

        var ok = true;
        for (var i = 0; i < backoff.Count; i++)
        {
            if (!IsWholeMilliseconds(backoff[i]))
            {
                var item = list.Children[i];
                fields.Problems.At(item, Nodes.Item(fields.PathOf("backoff"), i), $"expected a whole number of milliseconds >= 1ms (a retry queue's x-message-ttl counts milliseconds), got {Nodes.Describe(item)}");
                ok = false;
            }
        }

        return ok ? backoff : null;
    }

    private static bool IsWholeMilliseconds(TimeSpan value) => value >= TimeSpan.FromMilliseconds(1) && value.Ticks % TimeSpan.TicksPerMillisecond == 0;
}
