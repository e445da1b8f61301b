using ArchLab.Harness.Model.Agreement;
using ArchLab.Harness.Model.Results;
using ArchLab.Unit.Tests.Reports;

namespace ArchLab.Unit.Tests.Contract;

/// <summary>
/// Results at the two ends of the contract: every object of the model present with every figure filled in, and every
/// figure that may not apply left null. Between them each field of each record is written once, so a field added to
/// the model meets the schema in the unit tests, before any run.
/// </summary>
internal static class ContractSamples
{
    public static RunResults EveryFieldFilled()
    {
        var sample = SampleRun.Results();
        var jetstream = sample.Arms[1];
        return sample with
        {
            Simulated = false,
            Arms =
            [
                jetstream with
                {
                    Name = "jetstream@4",
                    Counts = jetstream.Counts with { DroppedByGenerator = 3 },
                    ErrorsByKind = new Dictionary<string, long> { ["timeout"] = 2, ["status_503"] = 1, ["grpc_unavailable"] = 4, ["dropped"] = 3 },
                    LatencyMs = new ArmLatencies(
                        new LatencySummary(598, 2.1, 1.9, 3.2, 7.4, 9.9, 12.5),
                        new LatencySummary(598, 2.0, 1.8, 3.1, 7.0, 9.0, 12.0),
                        new LatencySummary(590, 48.5, 48, 80, 104.5, 110, 120.25),
                        new LatencySummary(601, 0.01, 0.005, 0.02, 0.1, 0.4, 1.5)),
                    Delivery = new DeliveryCounts(580, 2, 1, 1, 2, 4, 3, 8) { PartialEffects = 1 },
                    Recovery = new RecoveryFigures(3.5, 1.25, 40),
                    RetryAmplification = 1.0421,
                    Resources = [new("harness", 1.2, 140.5), new("edge", 0.8, 70), new("nats-server", 0.5, 30.25)],
                    Faults = [new FaultWindow("kill", "payment", 2, 4), new FaultWindow("crash", "notify", -0.2, 0.6), new FaultWindow("latency", "edge->payment", 5, null)],
                    Accounting = new AccountingCheck(true, "ok 580 + duplicated 1 + lost 2 + pending 8 + expired 4 + dead-lettered 3 = 598 = accepted 598"),
                    MeasureStartTicks = 123_456_789_012,
                    Notes = ["the drain reached its limit after 20s with work outstanding (backlog 8)"],
                    Reconciliation = new ReconciliationResult(true, 1794, 1794, "stream stored 1794 messages; ledger expects 1794"),
                    Drain = new DrainSummary(1.5, false),
                    FanOut = new FanOutFigures(4, "publish", 1)
                    {
                        EdgeCpuMsPerRequest = 0.21,
                        AcceptSlowFraction = 0.01,
                        CompletionSlowFraction = 0.18,
                        ExpectedSlowFraction = 0.1855,
                    },
                    Sweep = new SweepValue("jetstream", "receivers", 4),
                    CpuMsPerOrder = 1.2345,
                    Consistency = new ArmConsistency(10, 590, 120, 2, 0.2034, new LatencySummary(598, 6.5, 5, 12, 480, 490, 495), 0),
                    Devices = new ArmDevices("jetstream", 8, null, 92, 92, 0, 1, new LatencySummary(92, 186.3, 1.3, 839.7, 1146.9, 1245.2, 1245.2), 16, 0.1739, 8),
                    Tracing = new ArmTracing("on", 598, 0.9983, 23.5, new LatencySummary(1794, 0.7, 0.6, 1.1, 2.5, 4, 6.25), 14_100, 640),
                },
            ],
            Agreement =
            [
                new FigureAgreement("jetstream@4", "accept.p99", 7.4, 7.1, 0.74, AgreementVerdict.Agree, null),
                new FigureAgreement("jetstream@4", "lost", 2, null, 3, AgreementVerdict.Disagree, null),
                new FigureAgreement("jetstream@4", "expired", 4, 5, 3, AgreementVerdict.Unmodelled, "the pull batch is not modelled"),
                new FigureAgreement("jetstream@4", "drainSec", null, null, 0.2, AgreementVerdict.NotApplicable, null),
            ],
        };
    }

    public static RunResults EveryNullableNull() => new()
    {
        Scenario = "transport-baseline",
        StartedUtc = SampleRun.Started,
        Seed = 1,
        Environment = new RunEnvironment("lab-01", 2, "Linux", ".NET 10", null),
        Arms =
        [
            new ArmResult
            {
                Name = "nothing-answered",
                Style = "jetstream-async",
                Counts = new ArmCounts(10, 10, 0, null, 10, 0),
                ErrorsByKind = new Dictionary<string, long> { ["publish_failed"] = 10 },
                Throughput = new ArmThroughput(5, 0, null),
                LatencyMs = new ArmLatencies(null, null, null, null),
                Delivery = null,
                Accounting = null,
                Timeline = [new TimelinePoint(0, 10, 0, null, 10, null, null)],
            },
        ],
    };
}
