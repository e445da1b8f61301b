using System.Globalization;
using ArchLab.Harness.Samplers;
using ArchLab.Load.Engine;
using ArchLab.Load.Targets;

namespace ArchLab.Load.Bench;

/// <summary>
/// What the measurement itself costs: the CPU this process (the load engine, its caller log and interval logs) spends
/// per request at a given open-model rate against the no-op endpoint, from /proc/[pid]/stat before and after, beside
/// the no-op server's own cost per request and the share of the machine's time a hypervisor stole meanwhile.
/// </summary>
internal static class HarnessCostBenchmark
{
    public static async Task<int> RunAsync(BenchArguments arguments)
    {
        var rates = arguments.Text("rates", "1000,5000").Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(r => double.Parse(r, CultureInfo.InvariantCulture)).ToList();
        var duration = arguments.Duration("duration", TimeSpan.FromSeconds(10));
        await using var server = await ServerProcess.StartAsync();
        Console.WriteLine($"no-op endpoint {server.Url} (pid {server.ProcessId}); open model, Poisson arrivals, {duration.TotalSeconds:0.#} s measured after a 3 s warm-up, {Environment.ProcessorCount} cores");
        var directory = Directory.CreateTempSubdirectory("archlab-harness-cost-");
        try
        {
            foreach (var rate in rates)
            {
                using var target = new HttpLoadTarget(new HttpTargetOptions { Url = new Uri(server.Url, "/noop") });
                var options = new LoadOptions
                {
                    Model = LoadModel.Open,
                    Arrival = ArrivalProcess.Poisson,
                    RatePerSec = rate,
                    Warmup = TimeSpan.FromSeconds(3),
                    Duration = duration,
                    Timeout = TimeSpan.FromSeconds(5),
                    OutputDirectory = directory.FullName, // the caller log and interval logs are part of the cost
                    FilePrefix = $"cost-{rate:0}",
                };
                var machine = CpuTimes.Read();
                var (self, noop) = (ProcUsage.Read(Environment.ProcessId)!.Value.CpuSec, ProcUsage.Read(server.ProcessId)!.Value.CpuSec);
                var report = await new LoadEngine(options, target).RunAsync(null, CancellationToken.None);
                var requests = report.Counts.Sent + report.WarmupCounts.Sent;
                var harness = ProcUsage.Read(Environment.ProcessId)!.Value.CpuSec - self;
                var endpoint = ProcUsage.Read(server.ProcessId)!.Value.CpuSec - noop;
                var stolen = (CpuTimes.Read() - machine).StealShare;
                var seconds = (options.Warmup + options.Duration).TotalSeconds;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{rate,7:N0} req/s: harness {harness * 1e6 / requests,6:0.0} us CPU per request ({harness / seconds:P1} of one core), " +
                    $"no-op server {endpoint * 1e6 / requests,6:0.0} us per request; {requests:N0} requests, send delay p99 {report.SendDelay?.P99:0.###} ms, steal {stolen:P1}"));
            }
        }
        finally
        {
            directory.Delete(recursive: true);
        }

        return 0;
    }
}
