using ArchLab.Harness.Model.Results;
using ArchLab.Hlog;
using ArchLab.Load.Recording;
using HdrHistogram;

namespace ArchLab.Unit.Tests.Reports;

/// <summary>
/// Results built by hand, and tiny <c>.hlog</c> files written with the harness's interval log writer as the harness writes
/// them (microseconds, one interval per second), so report tests need no load run.
/// </summary>
public static class SampleRun
{
    public static readonly DateTimeOffset Started = new(2025, 3, 14, 9, 26, 53, TimeSpan.Zero);

    /// <summary>rest (sync, no backlog, one failed expectation, a null completion), jetstream (backlog, a fault window).</summary>
    public static RunResults Results() => new()
    {
        Scenario = "async-offload",
        Profile = "quick",
        Title = "Offload the slow step",
        Claim = "Accepting into a stream cuts the caller's wait; completion stays as slow.",
        Watch = "accept p99 of jetstream against rest",
        Headline = new RunHeadline("jetstream answers in 7.4 ms at p99 where rest takes 98 ms", "bars-accept", Holds: false),
        StartedUtc = Started,
        Seed = 42,
        Environment = new RunEnvironment("lab-01", 8, "Linux 6.1", ".NET 10.0.0", "2.11.0"),
        Arms =
        [
            Arm("rest", "rest", acceptP99: 98.04, completion: null, delivery: null, backlog: false) with
            {
                Expectations = [new("accept.p99 < 50ms", false, "98.04 ms")],
                Notes = ["the drain hit its limit"],
                MovingParts = new MovingParts(4, 4, null, 14, 210, ["partialEffects", "status_503"]),
            },
            Arm("jetstream", "jetstream", acceptP99: 7.4, completion: new(600, 48.5, 48, 80, 104.5, 110, 120.25), delivery: new(590, 0, 2, 0, 1, null, 3, 5), backlog: true) with
            {
                Expectations = [new("accept.p99 < 50ms", true, "7.4 ms")],
                RetryAmplification = 1.25,
                Recovery = new RecoveryFigures(3.5, 1.25, 40),
                Faults = [new FaultWindow("kill", "payment", 2, 4)],
                MovingParts = new MovingParts(5, 6, new BrokerObjects(2, 3, 3), 38, 402, []),
                ServiceTimes =
                [
                    new StepServiceTime("payment", "exp(10ms)", "wait", 10, 6.931, 46.052, 9.8, 44.1, new LatencySummary(600, 10.6, 7.2, 23.5, 47.3, 60, 80), 0.0816, 0.0726),
                    new StepServiceTime("notify", "fixed(2ms)", "cpu", 2, 2, 2, 2, 2, new LatencySummary(600, 2.02, 2.01, 2.03, 2.08, 2.1, 2.5), 0.01, 0.04),
                ],
            },
        ],
    };

    /// <summary>Writes <c>&lt;arm&gt;.&lt;log&gt;.hlog</c> for every arm and log given, <paramref name="seconds"/> intervals of <paramref name="perSecond"/> values each.</summary>
    public static void WriteLogs(string folder, IEnumerable<string> arms, IEnumerable<string> logs, int seconds = 5, int perSecond = 200, int seed = 1)
    {
        var random = new Random(seed);
        foreach (var arm in arms)
        {
            foreach (var log in logs)
            {
                WriteLog(Path.Combine(folder, $"{arm}.{log}.hlog"), seconds, perSecond, random);
            }
        }
    }

    public static void WriteLog(string path, int seconds, int perSecond, Random random)
    {
        using var writer = new IntervalLogWriter(path, Started);
        var interval = Histograms.Create();
        for (var s = 0; s < seconds; s++)
        {
            interval.Reset();
            for (var i = 0; i < perSecond; i++)
            {
                // A log-normal-ish latency around 5 ms with a tail, in microseconds.
                interval.RecordValue((long)(5000 * Math.Exp(random.NextDouble() * random.NextDouble() * 4)));
            }

            interval.StartTimeStamp = Started.ToUnixTimeMilliseconds() + s * 1000L;
            interval.EndTimeStamp = interval.StartTimeStamp + 1000;
            writer.Append(interval);
        }
    }

    private static ArmResult Arm(string name, string style, double acceptP99, LatencySummary? completion, DeliveryCounts? delivery, bool backlog) => new()
    {
        Name = name,
        Style = style,
        Counts = new ArmCounts(600, 600, 598, completion is null ? null : 590, 2, 0),
        ErrorsByKind = new Dictionary<string, long> { ["timeout"] = 2 },
        Throughput = new ArmThroughput(60, 59.8, completion is null ? null : 59.0),
        LatencyMs = new ArmLatencies(new LatencySummary(598, 20.5, 10.25, 50, acceptP99, 120, 130.5), null, completion, null),
        Delivery = delivery,
        Accounting = delivery is null ? null : new AccountingCheck(true, "590 ok + 2 lost + 5 pending + 1 duplicated = 598 accepted"),
        Timeline = Enumerable.Range(0, 10).Select(t => new TimelinePoint(t, 60, 59 + t % 2, completion is null ? null : 58, t == 3 ? 2 : 0, backlog ? t * 4 : null, acceptP99 + t)
        {
            CompletionP99Ms = completion is null ? null : 100 + t,
        }).ToList(),
    };
}
