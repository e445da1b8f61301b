using ArchLab.Harness.Model.Expectations;
using ArchLab.Harness.Model.Results;

namespace ArchLab.Unit.Tests.Metrics;

public sealed class ArmMetricsTests
{
    [Fact]
    public void Every_metric_name_of_the_vocabulary_reads_a_value_from_an_arm()
    {
        var metrics = new ArmMetrics(SampleArms.Jetstream());

        foreach (var name in MetricNames.All)
        {
            _ = metrics.Value(name); // must not throw: the vocabulary and the results agree
        }

        Assert.Equal(2.5, metrics.Value("accept.p99"));
        Assert.Equal(900, metrics.Value("completed"));
        Assert.Equal(0, metrics.Value("lost"));
        Assert.Equal(3.5, metrics.Value("cpuSec"));
        Assert.Equal(80, metrics.Value("peakRssMb"));
        Assert.Equal(120, metrics.Value("harnessRssMb"));
        Assert.Equal(0.1, metrics.Value("errorRate")!.Value, precision: 9);
    }

    [Fact]
    public void A_figure_that_does_not_apply_is_null_not_zero()
    {
        var metrics = new ArmMetrics(SampleArms.Jetstream() with { Delivery = null, LatencyMs = new ArmLatencies(null, null, null, null) });

        Assert.Null(metrics.Value("lost"));
        Assert.Null(metrics.Value("completion.p99"));
        Assert.Null(metrics.Value("expired"));
        Assert.Null(metrics.Value("retryAmplification"));
    }

    [Fact]
    public void An_arm_that_sent_nothing_has_no_data_on_what_requests_would_have_shown()
    {
        var idle = SampleArms.Jetstream() with { Counts = new ArmCounts(Offered: 0, Sent: 0, Accepted: 0, Completed: 0, Errors: 0, DroppedByGenerator: 0) };
        var metrics = new ArmMetrics(idle);

        // Nothing lost of nothing sent is no data, not a pass: the verdict says so and fails.
        Assert.Null(metrics.Value("lost"));
        Assert.Null(metrics.Value("errors"));
        Assert.Null(metrics.Value("completedPerSec"));
        var verdict = Expectation.Parse("lost == 0", ["jetstream"]).Evaluate(metrics, _ => null);
        Assert.False(verdict.Passed);
        Assert.StartsWith(Expectation.NoData, verdict.Actual, StringComparison.Ordinal);

        // What it was asked to send and what its processes cost are still known.
        Assert.Equal(0, metrics.Value("offered"));
        Assert.Equal(3.5, metrics.Value("cpuSec"));
    }

    [Fact]
    public void Results_json_keeps_nulls_and_the_contract_names()
    {
        var results = new RunResults
        {
            Scenario = "async-offload",
            StartedUtc = DateTimeOffset.UnixEpoch,
            Seed = 42,
            Environment = new RunEnvironment("box", 2, "Linux", ".NET 10", null),
            Arms = [SampleArms.Jetstream()],
        };

        var json = ResultsJson.Serialize(results);
        var back = ResultsJson.Deserialize(json);

        foreach (var name in new[] { "\"schema\": \"archlab.results/v1\"", "\"natsServer\": null", "\"droppedByGenerator\"", "\"acceptUncorrected\"", "\"sendDelay\"", "\"p999\"", "\"deadLettered\": null", "\"timeToRecoverSec\": null", "\"retryAmplification\": null", "\"acceptP99Ms\"", "\"startSec\"" })
        {
            Assert.Contains(name, json, StringComparison.Ordinal);
        }

        Assert.Equal(results.Arms[0].Counts, back.Arms[0].Counts);
        Assert.Equal(results.Arms[0].Delivery, back.Arms[0].Delivery);
    }
}

internal static class SampleArms
{
    public static ArmResult Jetstream() => new()
    {
        Name = "jetstream",
        Style = "jetstream",
        Counts = new ArmCounts(1000, 990, 900, 900, 90, 10),
        ErrorsByKind = new Dictionary<string, long> { ["timeout"] = 90, ["dropped"] = 10 },
        Throughput = new ArmThroughput(100, 90, 90),
        LatencyMs = new ArmLatencies(
            new LatencySummary(900, 1.2, 1.0, 2.0, 2.5, 4.0, 9.0),
            new LatencySummary(900, 1.1, 1.0, 1.9, 2.4, 3.9, 8.0),
            new LatencySummary(900, 50, 48, 70, 90, 120, 150),
            new LatencySummary(990, 0.02, 0.01, 0.05, 0.3, 0.9, 2.0)),
        Delivery = new DeliveryCounts(900, 0, 0, 0, 0, null, null, 0),
        Accounting = new AccountingCheck(true, "ok 900 = accepted 900"),
        Resources = [new("harness", 1.0, 120), new("edge", 1.5, 80), new("nats-server", 2.0, 20)],
        Timeline = [new TimelinePoint(0, 100, 90, 90, 9, 3, 2.5)],
        Faults = [new FaultWindow("kill", "payment", 4, 8)],
    };
}
