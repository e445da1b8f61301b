using System.Globalization;
using ArchLab.Load.Engine;
using ArchLab.Load.Targets;

namespace ArchLab.Load.Bench;

/// <summary>
/// How close the closed-model engine comes to wrk: both hit the same no-op endpoint with the same number of
/// connections, in alternation (wrk, engine, wrk, engine...) so that a noisy neighbour hurts both alike.
/// </summary>
internal static class CeilingBenchmark
{
    public static async Task<int> RunAsync(BenchArguments arguments)
    {
        var connections = arguments.Int("connections", 32);
        var duration = arguments.Duration("duration", TimeSpan.FromSeconds(10));
        var rounds = arguments.Int("rounds", 2);
        var clients = arguments.Text("clients", "lean").Split(',', StringSplitOptions.RemoveEmptyEntries);

        await using var server = await ServerProcess.StartAsync();
        Console.WriteLine($"no-op endpoint {server.Url} (pid {server.ProcessId}); {connections} connections, {duration.TotalSeconds:0.#} s per run");
        await Wrk.RequestsPerSecondAsync(server.Url, connections, TimeSpan.FromSeconds(3)); // warms the server's JIT

        var wrk = new List<double>();
        var engine = clients.ToDictionary(c => c, _ => new List<double>());
        for (var round = 1; round <= rounds; round++)
        {
            wrk.Add(await Wrk.RequestsPerSecondAsync(server.Url, connections, duration));
            Console.WriteLine($"round {round}: wrk    {wrk[^1],10:N0} req/s");
            foreach (var client in clients)
            {
                engine[client].Add(await EngineRequestsPerSecondAsync(server.Url, client, connections, duration));
                Console.WriteLine($"round {round}: engine {engine[client][^1],10:N0} req/s ({client})");
            }
        }

        var wrkMean = wrk.Average();
        var passed = true;
        foreach (var (client, rates) in engine)
        {
            var ratio = rates.Average() / wrkMean;
            passed &= client != "lean" || ratio >= 0.8;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{client}: engine {rates.Average():N0} req/s vs wrk {wrkMean:N0} req/s = {ratio:P1} (target >= 80%: {(ratio >= 0.8 ? "met" : "missed")})"));
        }

        return passed ? 0 : 1;
    }

    private static async Task<double> EngineRequestsPerSecondAsync(Uri url, string client, int connections, TimeSpan duration)
    {
        var directory = Directory.CreateTempSubdirectory("archlab-ceiling-");
        try
        {
            var http = new HttpTargetOptions { Url = new Uri(url, "/noop") };
            // lean: the default HttpLoadTarget (epoll on Linux x86-64); sockets: the same over .NET's async sockets.
            using var target = client switch
            {
                "httpclient" => (IDisposable)new HttpClientLoadTarget(http),
                "sockets" => new HttpLoadTarget(http, useEpoll: false),
                _ => new HttpLoadTarget(http),
            };
            var options = new LoadOptions
            {
                Model = LoadModel.Closed,
                Users = connections,
                Warmup = TimeSpan.FromSeconds(2),
                Duration = duration,
                Timeout = TimeSpan.FromSeconds(5),
                OutputDirectory = directory.FullName, // the caller log is part of the engine's cost
                FilePrefix = "ceiling",
            };
            var report = await new LoadEngine(options, (ILoadTarget)target).RunAsync(null, CancellationToken.None);
            if (report.Counts.Errors > 0)
            {
                Console.WriteLine($"  errors: {string.Join(", ", report.ErrorsByKind.Select(e => $"{e.Key}={e.Value}"))}");
            }

            return report.AcceptedPerSec;
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
