using System.Diagnostics;
using System.Globalization;
using ArchLab.Harness.Model.Results;
using ArchLab.Hlog;
using ArchLab.Load.Recording;
using ArchLab.Reports;
using HdrHistogram;

namespace ArchLab.Load.Bench;

/// <summary>
/// How long ReportSet takes to write every report of a large run: five arms, 60 seconds, four .hlog files per
/// arm of 60 one-second intervals of about 1000 values. Target: a median of at most 3 s per write, so reports
/// never make a run feel slow. The first write warms up (JIT, fonts) and is not counted.
/// </summary>
internal static class ReportsBenchmark
{
    private const double TargetSeconds = 3;

    private static readonly string[] Styles = ["rest", "grpc", "nats-core", "jetstream", "inproc"];

    public static Task<int> RunAsync(BenchArguments arguments)
    {
        var rounds = Math.Max(2, arguments.Int("rounds", 5));
        var folder = arguments.Options.TryGetValue("keep", out var keep) ? keep : Directory.CreateTempSubdirectory("archlab-reports-bench-").FullName;
        Directory.CreateDirectory(folder);
        var results = BuildRun(folder);
        var times = new List<double>();
        for (var round = 0; round < rounds; round++)
        {
            var watch = Stopwatch.StartNew();
            var outcome = ReportSet.WriteAsync(results, folder, CancellationToken.None).GetAwaiter().GetResult();
            watch.Stop();
            if (outcome.Failed.Any())
            {
                Console.Error.WriteLine($"charts failed: {string.Join("; ", outcome.Failed.Select(c => $"{c.Name}: {c.Error}"))}");
                return Task.FromResult(1);
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"round {round + 1}{(round == 0 ? " (warm-up)" : "")}: {watch.Elapsed.TotalSeconds:0.000} s"));
            if (round > 0)
            {
                times.Add(watch.Elapsed.TotalSeconds);
            }
        }

        times.Sort();
        var median = times[times.Count / 2];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"reports: median {median:0.000} s per write over {times.Count} writes ({Styles.Length} arms, 60 s), target <= {TargetSeconds} s: {(median <= TargetSeconds ? "met" : "MISSED")}"));
        Console.WriteLine($"output: {folder}");
        if (keep is null)
        {
            Directory.Delete(folder, recursive: true);
        }

        return Task.FromResult(median <= TargetSeconds ? 0 : 1);
    }

    private static RunResults BuildRun(string folder)
    {
        var random = new Random(7);
        var started = new DateTimeOffset(2025, 1, 1, 12, 0, 0, TimeSpan.Zero);
        var faults = new List<FaultWindow> { new("kill", "payment", 20, 25), new("delay", "inventory", 40, 48) };
        var arms = Styles.Select((style, i) =>
        {
            foreach (var log in new[] { "accept", "acceptUncorrected", "sendDelay", "completion" })
            {
                WriteLog(Path.Combine(folder, $"{style}.{log}.hlog"), started, baseMicros: 2000 + i * 3000, random);
            }

            var brokered = style is "jetstream" or "nats-core";
            return new ArmResult
            {
                Name = style,
                Style = style,
                Counts = new ArmCounts(60_000, 60_000, 59_900, 59_800, 100, 0),
                ErrorsByKind = new Dictionary<string, long> { ["timeout"] = 100 },
                Throughput = new ArmThroughput(1000, 998, 996),
                LatencyMs = new ArmLatencies(Summary(i), Summary(i), Summary(i + 1), Summary(0)),
                Delivery = new DeliveryCounts(59_700, i, i * 2, 0, 3, brokered ? 5 : null, brokered ? 2 : null, 100),
                Accounting = new AccountingCheck(true, "adds up"),
                Recovery = new RecoveryFigures(3.5 + i, 1.5, brokered ? 4000 : null),
                RetryAmplification = style == "rest" ? 1.3 : null,
                Faults = faults,
                Expectations = [new("accept.p99 < 50ms", i < 3, $"{10 + i * 15} ms")],
                Timeline = Enumerable.Range(0, 60).Select(t =>
                {
                    var faulted = faults.Any(f => t >= f.StartSec && t < f.EndSec);
                    return new TimelinePoint(t, 1000, faulted ? 700 + random.Next(100) : 990 + random.Next(10), faulted ? 500 : 995, faulted ? 30 : 0,
                        brokered ? (faulted ? t * 100 : 10) : null, 5 + i * 4 + (faulted ? 80 : random.NextDouble() * 3))
                    {
                        CompletionP99Ms = 10 + i * 5 + (faulted ? 200 : 0),
                    };
                }).ToList(),
            };
        }).ToList();
        return new RunResults
        {
            Scenario = "reports-bench",
            Title = "Reports benchmark: five arms, 60 seconds",
            Claim = "Writing every report of a large run takes seconds, not minutes.",
            Watch = "the median time per write",
            StartedUtc = started,
            Seed = 7,
            Environment = new RunEnvironment(Environment.MachineName, Environment.ProcessorCount, "bench", ".NET", "2.11.0"),
            Arms = arms,
        };
    }

    private static LatencySummary Summary(int i) => new(60_000, 5 + i * 4, 4 + i * 4, 8 + i * 5, 20 + i * 10, 60 + i * 20, 120 + i * 30);

    /// <summary>An interval log as the harness writes it: the standard format, microseconds, one interval per second.</summary>
    private static void WriteLog(string path, DateTimeOffset started, long baseMicros, Random random)
    {
        using var writer = new IntervalLogWriter(path, started);
        var interval = Histograms.Create();
        for (var s = 0; s < 60; s++)
        {
            interval.Reset();
            for (var v = 0; v < 1000; v++)
            {
                interval.RecordValue(Histograms.Clamp((long)(baseMicros * Math.Exp(random.NextDouble() * random.NextDouble() * 5))));
            }

            interval.StartTimeStamp = started.ToUnixTimeMilliseconds() + s * 1000L;
            interval.EndTimeStamp = interval.StartTimeStamp + 1000;
            writer.Append(interval);
        }
    }
}
