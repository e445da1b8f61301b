using ArchLab.Contracts.Workflow;
using ArchLab.Harness.Model.Scenarios;
using ArchLab.Harness.Model.Scenarios.Loading;

namespace ArchLab.Unit.Tests.Scenarios;

/// <summary>
/// The options of a <c>rabbitmq</c> arm: the jetstream names it shares read the same way, and what RabbitMQ cannot
/// honour is refused at validation, on the field's line, with the reason.
/// </summary>
public class RabbitArmOptionsTests
{
    private static TimeSpan Ms(double value) => TimeSpan.FromMilliseconds(value);

    private static TimeSpan S(double value) => TimeSpan.FromSeconds(value);

    [Fact]
    public void A_rabbitmq_arm_without_options_gets_the_documented_defaults()
    {
        var arm = Parse("  rabbit: { style: rabbitmq }").Arms[0];
        var options = arm.RabbitMq!;

        Assert.Equal(Styles.RabbitMq, arm.Style);
        Assert.Equal(RabbitArmOptions.Default, options);
        Assert.Equal((RabbitQueueType.Quorum, TimeSpan.Zero, null, StreamDiscard.Old), (options.Queue, options.MaxAge, options.MaxMsgs, options.Discard));
        Assert.Equal((null, null, false, true), (options.MaxDeliver, options.Prefetch, options.Idempotent, options.DeadLetter));
        Assert.Empty(options.Backoff);
        Assert.Null(arm.JetStream);
        Assert.False(arm.Idempotent);
        Assert.True(arm.NeedsRabbitMq);
    }

    [Fact]
    public void A_rabbitmq_arm_reads_every_queue_and_consumer_option()
    {
        var arm = Parse("  rabbit: { style: rabbitmq, queue: quorum, maxAge: 60s, maxMsgs: 100000, discard: new, maxDeliver: 5, backoff: [100ms, 500ms, 1s], prefetch: 50, idempotent: true, deadLetter: true }").Arms[0];

        Assert.Equal(
            new RabbitArmOptions
            {
                Queue = RabbitQueueType.Quorum,
                MaxAge = S(60),
                MaxMsgs = 100_000,
                Discard = StreamDiscard.New,
                MaxDeliver = 5,
                Prefetch = 50,
                Idempotent = true,
                DeadLetter = true,
            },
            arm.RabbitMq! with { Backoff = RabbitArmOptions.Default.Backoff });
        Assert.Equal([Ms(100), Ms(500), S(1)], arm.RabbitMq!.Backoff);
        Assert.True(arm.Idempotent);
    }

    [Fact]
    public void A_classic_queue_takes_a_ttl_a_length_limit_and_drop_head()
    {
        var options = Parse("  rabbit: { style: rabbitmq, queue: classic, maxAge: 1ms, maxMsgs: 10, discard: old, prefetch: 65535, deadLetter: true }").Arms[0].RabbitMq!;

        Assert.Equal(
            RabbitArmOptions.Default with { Queue = RabbitQueueType.Classic, MaxAge = Ms(1), MaxMsgs = 10, Discard = StreamDiscard.Old, Prefetch = 65535 },
            options);
    }

    [Fact]
    public void A_quorum_queue_drops_its_head_when_it_does_not_dead_letter()
    {
        var options = Parse("  rabbit: { style: rabbitmq, maxMsgs: 10, discard: old, deadLetter: false, maxAge: 0s }").Arms[0].RabbitMq!;

        Assert.Equal(RabbitArmOptions.Default with { MaxMsgs = 10, DeadLetter = false }, options);
    }

    [Fact]
    public void A_backoff_with_enough_deliveries_and_an_empty_backoff_are_accepted()
    {
        var arms = Parse("""
              a: { style: rabbitmq, maxDeliver: 4, backoff: [1s, 2s, 3s] }
              b: { style: rabbitmq, queue: classic, backoff: [] }
            """).Arms;

        Assert.Equal([S(1), S(2), S(3)], arms[0].RabbitMq!.Backoff);
        Assert.Equal(4, arms[0].RabbitMq!.MaxDeliver);
        Assert.Equal(RabbitArmOptions.Default with { Queue = RabbitQueueType.Classic }, arms[1].RabbitMq);
    }

    [Fact]
    public void Two_loads_of_the_same_arm_are_equal() =>
        Assert.Equal(Parse("  r: { style: rabbitmq, maxDeliver: 3, backoff: [1s, 2s] }"), Parse("  r: { style: rabbitmq, maxDeliver: 3, backoff: [1s, 2s] }"));

    [Fact]
    public void The_rabbitmq_options_are_refused_on_another_style_with_the_styles_they_are_for()
    {
        var errors = ErrorsOf("  rest: { style: rest, prefetch: 10, queue: quorum, backoff: [1s] }");

        Assert.Equal(
            [
                "arms.yaml:6:24: arms.rest.prefetch: 'prefetch' is only for style rabbitmq; this arm's style is rest",
                "arms.yaml:6:38: arms.rest.queue: 'queue' is only for styles inproc and rabbitmq; this arm's style is rest",
                "arms.yaml:6:53: arms.rest.backoff: 'backoff' is only for styles jetstream and rabbitmq; this arm's style is rest",
            ],
            errors);
    }

    public static TheoryData<string, string> Refused { get; } = new()
    {
        // What RabbitMQ lacks, said on the field's line.
        {
            "  r: { style: rabbitmq, queue: classic, maxDeliver: 5 }",
            "arms.yaml:6:41: arms.r.maxDeliver: 'maxDeliver' needs queue: quorum: x-delivery-limit is a quorum queue feature; a classic queue redelivers without counting"
        },
        {
            "  r: { style: rabbitmq, queue: classic, backoff: [1s] }",
            "arms.yaml:6:41: arms.r.backoff: 'backoff' needs queue: quorum: its retries count deliveries as x-delivery-limit does, and x-delivery-limit is a quorum queue feature; a classic queue redelivers without counting"
        },
        {
            "  r: { style: rabbitmq, maxMsgs: 100, discard: old }",
            "arms.yaml:6:39: arms.r.discard: 'discard' old, with maxMsgs and deadLetter: true (the default), is refused on a quorum queue: RabbitMQ dead-letters at least once only with x-overflow: reject-publish; with drop-head the dropped messages are dead-lettered at most once; use discard: new, or deadLetter: false"
        },
        {
            "  r: { style: rabbitmq, maxMsgs: 100, discard: old, deadLetter: true }",
            "arms.yaml:6:39: arms.r.discard: 'discard' old, with maxMsgs and deadLetter: true, is refused on a quorum queue: RabbitMQ dead-letters at least once only with x-overflow: reject-publish; with drop-head the dropped messages are dead-lettered at most once; use discard: new, or deadLetter: false"
        },
        {
            "  r: { style: rabbitmq, maxMsgs: 100 }",
            "arms.yaml:6:25: arms.r.maxMsgs: 'maxMsgs' with discard: old (the default) and deadLetter: true (the default) is refused on a quorum queue: RabbitMQ dead-letters at least once only with x-overflow: reject-publish; with drop-head the dropped messages are dead-lettered at most once; use discard: new, or deadLetter: false"
        },

        // The jetstream options RabbitMQ has no counterpart of: the reason, not only "this arm's style is rabbitmq".
        {
            "  r: { style: rabbitmq, ackWait: 2s }",
            "arms.yaml:6:25: arms.r.ackWait: 'ackWait' is only for style jetstream; RabbitMQ has no per-consumer ack wait: an unacknowledged message is redelivered when its consumer's channel closes, or after the broker's consumer_timeout (30 min)"
        },
        {
            "  r: { style: rabbitmq, dedupe: true }",
            "arms.yaml:6:25: arms.r.dedupe: 'dedupe' is only for style jetstream; RabbitMQ has no broker-side deduplication; use idempotent: true"
        },
        {
            "  r: { style: rabbitmq, maxAckPending: 100 }",
            "arms.yaml:6:25: arms.r.maxAckPending: 'maxAckPending' is only for style jetstream; RabbitMQ's is prefetch (basic.qos); use prefetch"
        },
        {
            "  r: { style: rabbitmq, storage: memory }",
            "arms.yaml:6:25: arms.r.storage: 'storage' is only for style jetstream; a quorum queue is on disk, a classic one here transient: use queue (quorum or classic)"
        },
        {
            "  r: { style: rabbitmq, replicas: 3 }",
            "arms.yaml:6:25: arms.r.replicas: 'replicas' is only for style jetstream; the lab runs one RabbitMQ node, so a quorum queue has one replica"
        },
        {
            "  r: { style: rabbitmq, nodes: 3 }",
            "arms.yaml:6:25: arms.r.nodes: 'nodes' is only for styles jetstream, nats-core and nats-request; the lab runs one RabbitMQ node"
        },
        {
            "  r: { style: rabbitmq, maxBytes: 64MB }",
            "arms.yaml:6:25: arms.r.maxBytes: 'maxBytes' is only for style jetstream; a rabbitmq arm bounds its queues by message count alone: use maxMsgs (x-max-length)"
        },
        {
            "  r: { style: rabbitmq, writeback: 0s }",
            "arms.yaml:6:25: arms.r.writeback: 'writeback' is only for style jetstream; power-loss faults are built for nats-server's store only; a rabbitmq arm's broker can be killed, stopped or paused"
        },
        {
            "  r: { style: rabbitmq, powerLoss: kill }",
            "arms.yaml:6:25: arms.r.powerLoss: 'powerLoss' is only for style jetstream; power-loss faults are built for nats-server's store only; a rabbitmq arm's broker can be killed, stopped or paused"
        },
        {
            "  r: { style: rabbitmq, syncInterval: always }",
            "arms.yaml:6:25: arms.r.syncInterval: 'syncInterval' is only for style jetstream; it is nats-server's sync_interval; RabbitMQ has none to set (a quorum queue confirms a publish once its log is fsynced)"
        },

        // Options of the other styles that have nothing to do with RabbitMQ keep the generic message.
        {
            "  r: { style: rabbitmq, answer: completion }",
            "arms.yaml:6:25: arms.r.answer: 'answer' is only for style inproc; this arm's style is rabbitmq"
        },
        {
            "  r: { style: rabbitmq, timeout: 5s }",
            "arms.yaml:6:25: arms.r.timeout: 'timeout' is only for styles rest, grpc, nats-request and inproc; this arm's style is rabbitmq"
        },

        // The values, as jetstream reads the names it shares.
        {
            "  r: { style: rabbitmq, queue: stream }",
            "arms.yaml:6:32: arms.r.queue: expected one of quorum, classic, got 'stream'"
        },
        {
            "  r: { style: rabbitmq, maxAge: 500us }",
            "arms.yaml:6:33: arms.r.maxAge: expected 0s (no TTL) or a whole number of milliseconds >= 1ms (x-message-ttl counts milliseconds), got '500us'"
        },
        {
            "  r: { style: rabbitmq, maxAge: 1500us }",
            "arms.yaml:6:33: arms.r.maxAge: expected 0s (no TTL) or a whole number of milliseconds >= 1ms (x-message-ttl counts milliseconds), got '1500us'"
        },
        {
            "  r: { style: rabbitmq, maxMsgs: 0, discard: new }",
            "arms.yaml:6:34: arms.r.maxMsgs: expected a whole number >= 1, got '0'"
        },
        {
            "  r: { style: rabbitmq, discard: oldest }",
            "arms.yaml:6:34: arms.r.discard: expected one of old, new, got 'oldest'"
        },
        {
            "  r: { style: rabbitmq, maxDeliver: 0 }",
            "arms.yaml:6:37: arms.r.maxDeliver: expected a whole number >= 1, got '0'"
        },
        {
            "  r: { style: rabbitmq, maxDeliver: 3, backoff: [1s, 2s, 3s] }",
            "arms.yaml:6:37: arms.r.maxDeliver: expected a whole number > 3 (the length of backoff: delivery n fails into backoff[n-1], so with fewer its last delays are never used), got '3'"
        },
        {
            "  r: { style: rabbitmq, backoff: [100ms, 500ms, 1s] }",
            "arms.yaml:6:25: arms.r.backoff: 'backoff' needs maxDeliver greater than its length (3), as with jetstream: retries end at maxDeliver, each after its delay; add maxDeliver: 4 or more"
        },
        {
            "  r: { style: rabbitmq, maxDeliver: 5, backoff: [1s, 0s] }",
            "arms.yaml:6:54: arms.r.backoff[1]: expected a duration > 0, got '0s'"
        },
        {
            "  r: { style: rabbitmq, maxDeliver: 5, backoff: [1s, 250us] }",
            "arms.yaml:6:54: arms.r.backoff[1]: expected a whole number of milliseconds >= 1ms (a retry queue's x-message-ttl counts milliseconds), got '250us'"
        },
        {
            "  r: { style: rabbitmq, maxDeliver: 5, backoff: 1s }",
            "arms.yaml:6:49: arms.r.backoff: expected a list of durations such as [100ms, 500ms, 1s], got '1s'"
        },
        {
            "  r: { style: rabbitmq, prefetch: 0 }",
            "arms.yaml:6:35: arms.r.prefetch: expected a whole number >= 1, got '0'"
        },
        {
            "  r: { style: rabbitmq, prefetch: 65536 }",
            "arms.yaml:6:35: arms.r.prefetch: expected a whole number from 1 to 65535 (basic.qos carries prefetch_count in 16 bits), got '65536'"
        },
        {
            "  r: { style: rabbitmq, idempotent: yes }",
            "arms.yaml:6:37: arms.r.idempotent: expected true or false, got 'yes'"
        },
        {
            "  r: { style: rabbitmq, deadLetter: no }",
            "arms.yaml:6:37: arms.r.deadLetter: expected true or false, got 'no'"
        },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void What_rabbitmq_cannot_honour_is_refused_with_its_line_path_and_reason(string arm, string expected) =>
        Assert.Equal([expected], ErrorsOf(arm));

    private static IReadOnlyList<string> ErrorsOf(string arms) => ScenarioFiles.ErrorsOf(() => Parse(arms));

    private static Scenario Parse(string arms) =>
        ScenarioLoader.Parse($"name: arms\ntitle: T\nclaim: C\nwatch: W\narms:\n{arms}\n", "arms.yaml");
}
