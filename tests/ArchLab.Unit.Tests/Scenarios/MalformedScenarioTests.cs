using ArchLab.Harness.Model.Scenarios.Loading;

namespace ArchLab.Unit.Tests.Scenarios;

/// <summary>Each file under Malformed/ has one mistake (many-errors.yaml several); the loader must say exactly where and what.</summary>
public class MalformedScenarioTests
{
    public static TheoryData<string, string[]> Cases { get; } = new()
    {
        {
            "bad-yaml-syntax.yaml",
            ["bad-yaml-syntax.yaml:4:7: invalid YAML: While scanning a plain scalar value, found invalid mapping."]
        },
        {
            "unknown-field.yaml",
            ["unknown-field.yaml:9:3: load.rat: unknown field 'rat'; expected one of: model, arrival, rate, ramp, duration, warmup, prime, users, think, maxInFlight, timeout, drain, readAfter, agents; did you mean 'rate'?"]
        },
        {
            "missing-required-field.yaml",
            ["missing-required-field.yaml:7:9: arms.rest.style: missing required field 'style'"]
        },
        {
            "missing-claim.yaml",
            ["missing-claim.yaml:2:1: claim: missing required field 'claim'"]
        },
        {
            "duration-without-unit.yaml",
            ["duration-without-unit.yaml:7:33: arms.rest.timeout: expected a duration with a unit (us, ms, s, m, h), got '5'"]
        },
        {
            "bad-rate-unit.yaml",
            ["bad-rate-unit.yaml:8:15: load.rate: expected a rate with a unit (/s, /m, /h), got '200/sec'"]
        },
        {
            "unknown-style.yaml",
            ["unknown-style.yaml:7:18: arms.rest.style: expected one of rest, grpc, jetstream, nats-core, nats-request, inproc, rabbitmq, got 'soap'"]
        },
        {
            "unknown-step-role.yaml",
            ["unknown-step-role.yaml:9:5: workflow.steps.shipping: unknown step 'shipping'; expected one of: edge, inventory, payment, notify"]
        },
        {
            "negative-workers.yaml",
            ["negative-workers.yaml:8:43: workflow.steps.payment.workers: expected a whole number >= 0, got '-1'"]
        },
        {
            "bad-service-time.yaml",
            ["bad-service-time.yaml:8:22: workflow.steps.payment.time: unknown distribution 'gauss'; expected one of fixed, exp, lognormal, uniform"]
        },
        {
            "fault-after-duration.yaml",
            ["fault-after-duration.yaml:11:11: faults[1].at: expected a time before the end of the measured window (load.duration: 20s), got '25s'"]
        },
        {
            "fault-two-families.yaml",
            ["fault-two-families.yaml:9:39: faults[0].burst: 'burst' cannot be combined with 'kill': a fault has exactly one of kill, stop, pause, burst, step, link, partition, power-loss; write two faults"]
        },
        {
            "link-two-toxics.yaml",
            ["link-two-toxics.yaml:9:52: faults[0].bandwidth: 'bandwidth' cannot be combined with 'latency': a link fault has exactly one toxic; write two faults"]
        },
        {
            "expect-unknown-metric.yaml",
            ["expect-unknown-metric.yaml:10:17: expect.jetstream[0]: unknown metric 'acept.p99'; nearest known: accept.p99, accept.p90, accept.p999"]
        },
        {
            "expect-unknown-arm.yaml",
            ["expect-unknown-arm.yaml:10:36: expect.jetstream[0]: unknown arm 'grpc'; known arms: rest, jetstream"]
        },
        {
            "name-mismatch.yaml",
            ["name-mismatch.yaml:2:7: name: expected the file name without .yaml, 'name-mismatch', got 'name-mismatched'"]
        },
        {
            "duplicate-key.yaml",
            ["duplicate-key.yaml:8:3: arms.rest: duplicate key 'rest' (first at line 7, column 3)"]
        },
        {
            "closed-field-on-open-model.yaml",
            ["closed-field-on-open-model.yaml:11:3: load.users: 'users' is only for model: closed"]
        },
        {
            "jetstream-option-on-rest.yaml",
            ["jetstream-option-on-rest.yaml:7:24: arms.rest.maxAge: 'maxAge' is only for styles jetstream and rabbitmq; this arm's style is rest"]
        },
        {
            "jetstream-option-on-rabbitmq.yaml",
            ["jetstream-option-on-rabbitmq.yaml:7:30: arms.rabbit.ackWait: 'ackWait' is only for style jetstream; RabbitMQ has no per-consumer ack wait: an unacknowledged message is redelivered when its consumer's channel closes, or after the broker's consumer_timeout (30 min)"]
        },
        {
            "rest-option-on-grpc.yaml",
            ["rest-option-on-grpc.yaml:7:24: arms.grpc.retry: 'retry' is only for style rest; this arm's style is grpc"]
        },
        {
            "backoff-without-max-deliver.yaml",
            ["backoff-without-max-deliver.yaml:7:34: arms.jetstream.backoff: 'backoff' needs maxDeliver greater than its length (3): nats-server 2.9 refuses a consumer without it; add maxDeliver: 4 or more"]
        },
        {
            "retry-unknown-field.yaml",
            ["retry-unknown-field.yaml:7:33: arms.rest.retry.tries: unknown field 'tries'; expected one of: attempts, backoff, base, max, jitter"]
        },
        {
            "arm-named-like-metric.yaml",
            ["arm-named-like-metric.yaml:7:3: arms.accept: arm name 'accept' is also a metric name (or its first part), which would make expectations ambiguous; pick another name"]
        },
        {
            "many-errors.yaml",
            [
                "many-errors.yaml:6:7: seed: expected a whole number, got 'forty-two'",
                "many-errors.yaml:8:33: arms.rest.timeout: expected a duration > 0, got '0s'",
                "many-errors.yaml:10:13: load.duration: expected a duration > 0, got '0s'",
                "many-errors.yaml:11:11: load.warmup: expected a duration with a unit (us, ms, s, m, h), got '3'",
                "many-errors.yaml:13:5: faults[0].at: missing required field 'at'",
                "many-errors.yaml:13:22: faults[0].kill: expected one of edge, inventory, payment, notify, broker, broker.leader, got 'paymnt'; did you mean 'payment'?",
            ]
        },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Load_reports_each_error_with_file_line_column_path_and_message(string file, string[] expected)
    {
        var path = ScenarioFiles.PathOf("Malformed", file);

        Assert.Equal(expected, ScenarioFiles.ErrorsOf(() => ScenarioLoader.Load(path)));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Validate_reports_the_same_errors_without_throwing(string file, string[] expected)
    {
        var path = ScenarioFiles.PathOf("Malformed", file);

        Assert.Equal(expected, ScenarioFiles.Short(ScenarioLoader.Validate(path)));
    }

    [Fact]
    public void Every_malformed_file_has_a_case()
    {
        var files = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Scenarios", "Malformed"), "*.yaml").Select(Path.GetFileName);

        Assert.Equal(files.Order(StringComparer.Ordinal), Cases.Select(c => c.Data.Item1).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_exception_message_lists_every_error()
    {
        var thrown = Assert.Throws<ScenarioException>(() => ScenarioLoader.Load(ScenarioFiles.PathOf("Malformed", "many-errors.yaml")));

        Assert.StartsWith("the scenario is not valid (6 errors):", thrown.Message, StringComparison.Ordinal);
        Assert.All(thrown.Errors, e => Assert.Contains(e.ToString(), thrown.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void A_missing_file_is_an_error_not_a_crash()
    {
        var errors = ScenarioLoader.Validate(ScenarioFiles.PathOf("Malformed", "no-such-file.yaml"));

        var error = Assert.Single(errors);
        Assert.Equal((0, 0, ""), (error.Line, error.Column, error.Path));
        Assert.StartsWith("cannot read the scenario file: ", error.Message, StringComparison.Ordinal);
    }
}
