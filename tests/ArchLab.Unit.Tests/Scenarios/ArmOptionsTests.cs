using ArchLab.Contracts.Hosting;
using ArchLab.Contracts.Workflow;
using ArchLab.Harness.Model.Scenarios;
using ArchLab.Harness.Model.Scenarios.Loading;

namespace ArchLab.Unit.Tests.Scenarios;

/// <summary>The options of each style's arms: the documented forms, their defaults, and precise errors for the rest.</summary>
public class ArmOptionsTests
{
    private static readonly Scenario Loaded = Parse("""
          rest-retry: { style: rest, timeout: 10s, attemptTimeout: 1s, retry: { attempts: 5, backoff: exponential, base: 100ms, max: 2s, jitter: true }, circuitBreaker: { failureRatio: 50%, minThroughput: 20, window: 5s, breakFor: 2s }, idempotencyKey: true }
          nats-core: { style: nats-core }
          jetstream: { style: jetstream, storage: file, maxAge: 60s, maxMsgs: 100000, maxBytes: 64MB, discard: old, ackWait: 2s, maxDeliver: 5, backoff: [100ms, 500ms, 1s], maxAckPending: 1000, dedupe: true, idempotent: false, deadLetter: true }
        """);

    private static TimeSpan Ms(double value) => TimeSpan.FromMilliseconds(value);

    private static TimeSpan S(double value) => TimeSpan.FromSeconds(value);

    [Fact]
    public void A_rest_arm_reads_every_resilience_option()
    {
        var arm = Loaded.Arms[0];

        Assert.Equal((Styles.Rest, S(10)), (arm.Style, arm.CallTimeout));
        Assert.Equal(
            new CallResilience
            {
                AttemptTimeout = S(1),
                Retry = new CallRetry { Attempts = 5, Backoff = BackoffKind.Exponential, BaseDelay = Ms(100), MaxDelay = S(2), Jitter = true },
                CircuitBreaker = new CallCircuitBreaker { FailureRatio = 0.5, MinThroughput = 20, Window = S(5), BreakFor = S(2) },
                IdempotencyKey = true,
            },
            arm.Resilience);
        Assert.True(arm.Idempotent);
        Assert.Null(arm.JetStream);
    }

    [Fact]
    public void A_nats_core_arm_has_no_options_but_the_common_ones()
    {
        var arm = Loaded.Arms[1];

        Assert.Equal(new ArmSpec("nats-core", Styles.NatsCore), arm);
        Assert.Equal(CallResilience.None, arm.Resilience);
        Assert.False(arm.Idempotent);
    }

    [Fact]
    public void A_nats_request_arm_reads_its_per_request_timeout_and_nothing_of_rest_resilience()
    {
        var arm = Parse("  req: { style: nats-request, timeout: 750ms }").Arms[0];

        Assert.Equal(new ArmSpec("req", Styles.NatsRequest) { CallTimeout = Ms(750) }, arm);
        Assert.Equal(CallResilience.None, arm.Resilience);
    }

    [Fact]
    public void An_inproc_arm_answers_on_acceptance_with_a_channel_of_ten_thousand_unless_told_otherwise()
    {
        var arms = Parse("""
              events: { style: inproc }
              sync:   { style: inproc, answer: completion, queue: 64, timeout: 2s }
            """).Arms;

        Assert.Equal(new ArmSpec("events", Styles.InProc) { InProc = new InProcArmOptions(AnswerOnCompletion: false, Queue: 10_000) }, arms[0]);
        Assert.False(arms[0].AnswersOnCompletion);
        Assert.Equal(new ArmSpec("sync", Styles.InProc) { CallTimeout = S(2), InProc = new InProcArmOptions(AnswerOnCompletion: true, Queue: 64) }, arms[1]);
        Assert.True(arms[1].AnswersOnCompletion);
    }

    [Fact]
    public void A_jetstream_arm_reads_every_stream_and_consumer_option()
    {
        var options = Loaded.Arms[2].JetStream!;

        Assert.Equal(new JetStreamArmOptions(StreamStorage.File, S(60), S(2), 1000), options with
        {
            MaxMsgs = null, MaxBytes = null, MaxDeliver = null, Backoff = JetStreamArmOptions.Default.Backoff,
        });
        Assert.Equal((100000L, 64_000_000L, StreamDiscard.Old, 5), (options.MaxMsgs, options.MaxBytes!.Value.Bytes, options.Discard, options.MaxDeliver));
        Assert.Equal([Ms(100), Ms(500), S(1)], options.Backoff);
        Assert.Equal((true, false, true), (options.Dedupe, options.Idempotent, options.DeadLetter));
        Assert.False(Loaded.Arms[2].Idempotent);
    }

    [Fact]
    public void An_empty_retry_takes_every_default_and_absent_options_are_off()
    {
        var arm = Parse("  rest: { style: rest, retry: {} }").Arms[0];

        Assert.Equal(new CallRetry { Attempts = 3, Backoff = BackoffKind.Exponential, BaseDelay = Ms(100), MaxDelay = S(2), Jitter = true }, arm.Resilience.Retry);
        Assert.Null(arm.Resilience.AttemptTimeout);
        Assert.Null(arm.Resilience.CircuitBreaker);
        Assert.False(arm.Resilience.IdempotencyKey);
        Assert.Equal(new CallCircuitBreaker { FailureRatio = 0.1, MinThroughput = 100, Window = S(30), BreakFor = S(5) },
            Parse("  rest: { style: rest, circuitBreaker: {} }").Arms[0].Resilience.CircuitBreaker);
    }

    [Fact]
    public void A_jetstream_arm_without_options_gets_the_documented_defaults()
    {
        var options = Parse("  js: { style: jetstream }").Arms[0].JetStream!;

        Assert.Equal(JetStreamArmOptions.Default, options);
        Assert.Equal((null, null, StreamDiscard.Old, null), (options.MaxMsgs, options.MaxBytes, options.Discard, options.MaxDeliver));
        Assert.Empty(options.Backoff);
        Assert.Equal((true, false, true), (options.Dedupe, options.Idempotent, options.DeadLetter));
    }

    [Fact]
    public void Two_loads_of_the_same_arms_are_equal() =>
        Assert.Equal(Parse("  js: { style: jetstream, maxDeliver: 3, backoff: [1s, 2s] }"), Parse("  js: { style: jetstream, maxDeliver: 3, backoff: [1s, 2s] }"));

    public static TheoryData<string, string> Malformed { get; } = new()
    {
        { "  js: { style: jetstream, timeout: 5s }", "arms.js.timeout: 'timeout' is only for styles rest, grpc, nats-request and inproc; this arm's style is jetstream" },
        { "  in: { style: inproc, answer: later }", "arms.in.answer: expected one of accepted, completion, got 'later'" },
        { "  in: { style: inproc, queue: 0 }", "arms.in.queue: expected a whole number >= 1, got '0'" },
        { "  in: { style: inproc, maxAge: 5s }", "arms.in.maxAge: 'maxAge' is only for styles jetstream and rabbitmq; this arm's style is inproc" },
        { "  rest: { style: rest, answer: completion }", "arms.rest.answer: 'answer' is only for style inproc; this arm's style is rest" },
        { "  req: { style: nats-request, attemptTimeout: 1s }", "arms.req.attemptTimeout: 'attemptTimeout' is only for style rest; this arm's style is nats-request" },
        { "  req: { style: nats-request, timeout: 5ms }", "arms.req.timeout: expected a duration >= 10ms (the shortest timeout Polly applies), got '5ms'" },
        { "  core: { style: nats-core, maxAge: 5s }", "arms.core.maxAge: 'maxAge' is only for styles jetstream and rabbitmq; this arm's style is nats-core" },
        { "  core: { style: nats-core, idempotencyKey: true }", "arms.core.idempotencyKey: 'idempotencyKey' is only for style rest; this arm's style is nats-core" },
        { "  js: { style: jetstream, idempotencyKey: true }", "arms.js.idempotencyKey: 'idempotencyKey' is only for style rest; this arm's style is jetstream" },
        { "  rest: { style: rest, idempotent: true }", "arms.rest.idempotent: 'idempotent' is only for styles jetstream and rabbitmq; this arm's style is rest" },
        { "  rest: { style: rest, attemptTimeout: 5ms }", "arms.rest.attemptTimeout: expected a duration >= 10ms (the shortest timeout Polly applies), got '5ms'" },
        { "  rest: { style: rest, timeout: 1ms }", "arms.rest.timeout: expected a duration >= 10ms (the shortest timeout Polly applies), got '1ms'" },
        { "  rest: { style: rest, retry: { attempts: 0 } }", "arms.rest.retry.attempts: expected a whole number >= 1, got '0'" },
        { "  rest: { style: rest, retry: { backoff: fibonacci } }", "arms.rest.retry.backoff: expected one of constant, linear, exponential, got 'fibonacci'" },
        { "  rest: { style: rest, retry: { base: 1s, max: 500ms } }", "arms.rest.retry.max: expected retry.max (500ms) >= retry.base (1s)" },
        { "  rest: { style: rest, retry: { jitter: full } }", "arms.rest.retry.jitter: expected true or false, got 'full'" },
        { "  rest: { style: rest, retry: 5 }", "arms.rest.retry: expected retry options such as { attempts: 5, backoff: exponential, base: 100ms }, got '5'" },
        { "  rest: { style: rest, circuitBreaker: { failureRatio: 0% } }", "arms.rest.circuitBreaker.failureRatio: expected a percentage > 0%, got '0%'" },
        { "  rest: { style: rest, circuitBreaker: { minThroughput: 1 } }", "arms.rest.circuitBreaker.minThroughput: expected a whole number >= 2, got '1'" },
        { "  rest: { style: rest, circuitBreaker: { window: 100ms } }", "arms.rest.circuitBreaker.window: expected a duration >= 500ms (the shortest window Polly samples), got '100ms'" },
        { "  rest: { style: rest, circuitBreaker: { breakFor: 0s } }", "arms.rest.circuitBreaker.breakFor: expected a duration > 0, got '0s'" },
        { "  rest: { style: rest, circuitBreaker: { ratio: 50% } }", "arms.rest.circuitBreaker.ratio: unknown field 'ratio'; expected one of: failureRatio, minThroughput, window, breakFor" },
        { "  js: { style: jetstream, maxMsgs: 0 }", "arms.js.maxMsgs: expected a whole number >= 1, got '0'" },
        { "  js: { style: jetstream, maxBytes: 64mb }", "arms.js.maxBytes: expected a size with a unit (B, KB, KiB, MB, MiB, GB, GiB), got '64mb'" },
        { "  js: { style: jetstream, discard: oldest }", "arms.js.discard: expected one of old, new, got 'oldest'" },
        { "  js: { style: jetstream, maxDeliver: 3, backoff: [1s, 2s, 3s] }", "arms.js.maxDeliver: expected a whole number > 3 (the length of backoff: nats-server 2.9 refuses less), got '3'" },
        { "  js: { style: jetstream, maxDeliver: 5, backoff: [1s, 0s] }", "arms.js.backoff[1]: expected a duration > 0, got '0s'" },
        { "  js: { style: jetstream, maxDeliver: 5, backoff: 1s }", "arms.js.backoff: expected a list of durations such as [100ms, 500ms, 1s], got '1s'" },
        { "  js: { style: jetstream, maxAge: 50ms }", "arms.js.maxAge: expected 0s (no age limit) or a duration >= 100ms (nats-server refuses a shorter max age), got '50ms'" },
        { "  one: { style: inproc, steps: { payment: { time: exp(10), workers: 1 } } }", "arms.one.steps.payment.time: in exp(mean): expected a duration with a unit (us, ms, s, m, h), got '10'" },
        { "  one: { style: inproc, steps: { billing: { time: exp(10ms) } } }", "arms.one.steps.billing: unknown step 'billing'; expected one of: edge, inventory, payment, notify" },
        { "  js: { style: jetstream, dedupe: yes }", "arms.js.dedupe: expected true or false, got 'yes'" },
        { "  rest: { style: rest, tracing: yes }", "arms.rest.tracing: expected one of off, on, unpropagated, got 'yes'" },
        { "  js: { style: jetstream, deadletter: true }", "arms.js.deadletter: unknown field 'deadletter'; expected one of: style, ledger, steps, tracing, devices, timeout, fanOut, attemptTimeout, retry, circuitBreaker, idempotencyKey, storage, maxAge, maxMsgs, maxBytes, discard, ackWait, maxDeliver, backoff, maxAckPending, dedupe, idempotent, deadLetter, replicas, writeback, powerLoss, syncInterval, answer, queue, prefetch, nodes, transport, payload, window, load; did you mean 'deadLetter'?" },
    };

    [Fact]
    public void Tracing_is_off_unless_an_arm_asks_and_any_style_may_ask()
    {
        var scenario = ScenarioLoader.Parse("""
            name: arms
            title: T
            claim: C
            watch: W
            arms:
              plain: { style: rest }
              traced: { style: jetstream, tracing: on }
              broken: { style: inproc, tracing: unpropagated }
              off: { style: grpc, tracing: off }
            """, "arms.yaml");

        Assert.Equal([TracingMode.Off, TracingMode.On, TracingMode.Unpropagated, TracingMode.Off], scenario.Arms.Select(a => a.Tracing));
    }

    [Fact]
    public void An_arm_s_own_steps_replace_the_workflow_s_for_those_roles_only()
    {
        var scenario = ScenarioLoader.Parse("""
            name: arms
            title: T
            claim: C
            watch: W
            workflow: { steps: { payment: { time: exp(10ms), workers: 1 }, notify: { time: fixed(1ms) } } }
            arms:
              mm1: { style: inproc }
              mm3: { style: inproc, steps: { payment: { time: exp(30ms), workers: 3 } } }
            """, "arms.yaml");
        var (mm1, mm3) = (scenario.Arms[0], scenario.Arms[1]);

        Assert.Equal(new StepCost(new ServiceTime(ServiceTimeKind.Exponential, Ms(10)), Workers: 1), scenario.CostOf(mm1, Roles.Payment));
        Assert.Equal(new StepCost(new ServiceTime(ServiceTimeKind.Exponential, Ms(30)), Workers: 3), scenario.CostOf(mm3, Roles.Payment));
        Assert.Equal(scenario.CostOf(mm1, Roles.Notify), scenario.CostOf(mm3, Roles.Notify));
        Assert.Equal(StepCost.Free, scenario.CostOf(mm3, Roles.Inventory));
    }

    [Theory]
    [MemberData(nameof(Malformed))]
    public void A_malformed_arm_option_is_refused_with_its_path_and_what_was_expected(string arm, string expected)
    {
        var errors = Assert.Throws<ScenarioException>(() => Parse(arm)).Errors;

        Assert.Equal([expected], errors.Select(e => $"{e.Path}: {e.Message}"));
    }

    private static Scenario Parse(string arms) =>
        ScenarioLoader.Parse($"name: arms\ntitle: T\nclaim: C\nwatch: W\narms:\n{arms}\n", "arms.yaml");
}
