using System.Diagnostics;
using System.Globalization;
using ArchLab.Contracts.Ledger;
using ArchLab.Contracts.Messages;
using ArchLab.Contracts.Workflow;
using ArchLab.Harness.Model.Scenarios.Loading;
using ArchLab.Services.Core.Cost;
using ArchLab.Services.Core.Steps;
using HdrHistogram;

namespace ArchLab.Load.Bench;

/// <summary>
/// Whether a step takes the time its scenario says. The services' own step (a <see cref="StepRunner"/> with its
/// ledger, waiting on the process's precise timer) runs Poisson arrivals of each distribution at 100 and 2,000
/// steps/s with no worker limit; the service times come back from the ledger, as the reports read them. Figures:
/// measured mean and p99 against the configured distribution's (targets: 3% and 5%) and against what was drawn
/// (the lab's own error, free of sampling noise), the timer thread's CPU at 2,000 waits/s (target: under 5% of a
/// core), and how late a continuation runs after its deadline with Task.Delay, with the timer handing every
/// continuation to the thread pool, and with the timer as the services use it.
/// </summary>
internal static class ServiceTimeBenchmark
{
    private static readonly string[] Distributions = ["fixed(1ms)", "exp(2ms)", "exp(10ms)", "lognormal(40ms, 0.3)"];

    public static async Task<int> RunAsync(BenchArguments arguments)
    {
        var rates = arguments.Text("rates", "100,2000").Split(',').Select(r => double.Parse(r, CultureInfo.InvariantCulture)).ToArray();
        var samples = arguments.Int("samples", 4000);
        var folder = Directory.CreateTempSubdirectory("archlab-service-time-");
        var met = true;
        try
        {
            // Warm up: the JIT, the thread pool's threads, the timer's learnt lead.
            await MeasureAsync(Parse("exp(2ms)"), rates.Max(), samples, Path.Combine(folder.FullName, "warm-up.ledger"));
            Console.WriteLine($"{samples} executions per row, Poisson arrivals, no worker limit; ms; dev = measured / reference - 1");
            Console.WriteLine("distribution            rate/s  conf mean  conf p99 | drawn mean  drawn p99 | measured mean   p50      p99 | dev mean vs conf  vs drawn | dev p99 vs conf  vs drawn");
            foreach (var rate in rates)
            {
                foreach (var text in Distributions)
                {
                    var time = Parse(text);
                    var row = await MeasureAsync(time, rate, samples, Path.Combine(folder.FullName, $"{rate}-{text}.ledger"));
                    var meanConf = row.Measured.Mean / ServiceTimeShape.Mean(time).TotalMilliseconds - 1;
                    var meanDrawn = row.Measured.Mean / row.Drawn.Mean - 1;
                    var p99Conf = row.Measured.P99 / ServiceTimeShape.Percentile(time, 99).TotalMilliseconds - 1;
                    var p99Drawn = row.Measured.P99 / row.Drawn.P99 - 1;
                    met &= Math.Abs(meanDrawn) <= 0.03 && Math.Abs(p99Drawn) <= 0.05;
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"{text,-22} {rate,7:0} {ServiceTimeShape.Mean(time).TotalMilliseconds,10:0.000} {ServiceTimeShape.Percentile(time, 99).TotalMilliseconds,9:0.000} | {row.Drawn.Mean,10:0.000} {row.Drawn.P99,10:0.000} | {row.Measured.Mean,13:0.000} {row.Measured.P50,8:0.000} {row.Measured.P99,8:0.000} | {meanConf,16:+0.0%;-0.0%} {meanDrawn,9:+0.0%;-0.0%} | {p99Conf,15:+0.0%;-0.0%} {p99Drawn,9:+0.0%;-0.0%}"));
                }
            }

            var cost = await TimerCostAsync(2000, TimeSpan.FromSeconds(arguments.Int("cost-seconds", 10)));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"timer thread CPU at 2,000 waits/s (exp(2ms)): {cost.TimerShare:P2} of a core; whole process {cost.ProcessShare:P1}; wake lead learnt {PreciseTimer.Shared.WakeLeadMicros:0} us, timer thread's own lateness {PreciseTimer.Shared.Lateness.MeanLateMicros:0.0} us on average"));
            using var pooled = new PreciseTimer(inline: false);
            foreach (var rate in rates)
            {
                // Alternating, so that the three see the same neighbours on a shared machine.
                var delay = await LatenessAsync(t => new ValueTask(Task.Delay(t)), rate, samples);
                var pool = await LatenessAsync(t => pooled.WaitAsync(t), rate, samples);
                var shared = await LatenessAsync(t => PreciseTimer.Shared.WaitAsync(t), rate, samples);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"continuation after its deadline, exp(2ms) at {rate:0}/s, us mean / p99: Task.Delay {delay.MeanMicros:0} / {delay.P99Micros:0}; timer, every continuation on the pool {pool.MeanMicros:0} / {pool.P99Micros:0}; timer as the services use it {shared.MeanMicros:0} / {shared.P99Micros:0}"));
            }
            met &= cost.TimerShare < 0.05;
            Console.WriteLine($"service times within 3% (mean) and 5% (p99) of what was drawn, timer under 5% of a core: {(met ? "met" : "missed")}");
            return met ? 0 : 1;
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static ServiceTime Parse(string text) =>
        Units.TryParseServiceTime(text, out var time, out var error) ? time : throw new ArgumentException(error);

    private static async Task<(Summary Drawn, Summary Measured)> MeasureAsync(ServiceTime time, double rate, int samples, string ledger)
    {
        using (var runner = new StepRunner(Roles.Payment, new StepCost(time), ledger, seed: 7))
        {
            await Arrivals(rate, samples, (seq, _) => runner.ExecuteAsync(new OrderId(1, seq), 1, CancellationToken.None).AsTask());
        }

        var drawn = new LongHistogram(3_600_000_000, 3);
        var measured = new LongHistogram(3_600_000_000, 3);
        foreach (var record in new LedgerReader(ledger).Read())
        {
            drawn.RecordValue(record.PlannedMicros);
            measured.RecordValue(record.ServiceMicros);
        }

        return (Summary.Of(drawn), Summary.Of(measured));
    }

    /// <summary>
    /// How late a continuation runs after its deadline with each way of waiting, on the same draws: Task.Delay (what
    /// the steps used before), the precise timer handing every continuation to the thread pool, and the precise timer
    /// as the services use it (the continuation on its own thread when it is free).
    /// </summary>
    private static async Task<(double MeanMicros, double P99Micros)> LatenessAsync(Func<TimeSpan, ValueTask> wait, double rate, int samples)
    {
        var sampler = new ServiceTimeSampler(Parse("exp(2ms)"), 7);
        var late = new LongHistogram(3_600_000_000, 3);
        var gate = new Lock();
        await Arrivals(rate, samples, async (_, _) =>
        {
            var planned = sampler.Next();
            var deadline = Stopwatch.GetTimestamp() + (long)(planned.TotalSeconds * Stopwatch.Frequency);
            await wait(planned);
            var micros = Math.Max(0, (Stopwatch.GetTimestamp() - deadline) * 1_000_000 / Stopwatch.Frequency);
            lock (gate)
            {
                late.RecordValue(micros);
            }
        });
        return (late.GetMean(), late.GetValueAtPercentile(99));
    }

    /// <summary>The timer thread's CPU (from /proc/self/task) and the process's, over waits alone at <paramref name="rate"/>.</summary>
    private static async Task<(double TimerShare, double ProcessShare)> TimerCostAsync(double rate, TimeSpan duration)
    {
        var sampler = new ServiceTimeSampler(Parse("exp(2ms)"), 11);
        var timer = PreciseTimer.Shared;
        // Found before the arrivals' own timer starts, which runs a thread of the same name.
        var thread = TimerThread();
        var timerBefore = ThreadTicks(thread);
        var processBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var start = Stopwatch.GetTimestamp();
        await Arrivals(rate, (int)(rate * duration.TotalSeconds), (_, _) => timer.WaitAsync(sampler.Next()).AsTask());
        var wall = Stopwatch.GetElapsedTime(start).TotalSeconds;
        var timerSeconds = (ThreadTicks(thread) - timerBefore) / 100.0; // USER_HZ
        var processSeconds = (Process.GetCurrentProcess().TotalProcessorTime - processBefore).TotalSeconds;
        return (timerSeconds / wall, processSeconds / wall);
    }

    /// <summary>The /proc/self/task folder of the precise timer's thread.</summary>
    private static string TimerThread()
    {
        _ = PreciseTimer.Shared;
        return Directory.EnumerateDirectories("/proc/self/task").Single(task => Stat(task).Name.StartsWith("archlab-precis", StringComparison.Ordinal));
    }

    /// <summary>The thread's user and system CPU so far, in USER_HZ ticks.</summary>
    private static long ThreadTicks(string task)
    {
        var fields = Stat(task).Fields;
        return long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
    }

    private static (string Name, string[] Fields) Stat(string task)
    {
        var stat = File.ReadAllText(Path.Combine(task, "stat"));
        var close = stat.LastIndexOf(')');
        return (stat[(stat.IndexOf('(') + 1)..close], stat[(close + 2)..].Split(' '));
    }

    /// <summary>
    /// Starts <paramref name="count"/> operations at Poisson arrival times and waits for all. The arrivals are paced by
    /// a precise timer of their own, so that they are Poisson to the microsecond: paced by a 1 ms sleep, arrivals at
    /// 2,000/s came in bunches, and a bunch of fixed(1ms) steps all fall due at one instant, which no real load does.
    /// </summary>
    private static async Task Arrivals(double rate, int count, Func<long, long, Task> start)
    {
        var random = new Random(3);
        var pending = new Task[count];
        using var pacer = new PreciseTimer();
        var next = Stopwatch.GetTimestamp();
        for (var i = 0; i < count; i++)
        {
            next += (long)(-Math.Log(1 - random.NextDouble()) / rate * Stopwatch.Frequency);
            await pacer.WaitUntilAsync(next);
            pending[i] = start(i, next);
        }

        await Task.WhenAll(pending);
    }

    private sealed record Summary(double Mean, double P50, double P99)
    {
        public static Summary Of(HistogramBase h) => new(h.GetMean() / 1000, h.GetValueAtPercentile(50) / 1000.0, h.GetValueAtPercentile(99) / 1000.0);
    }
}
