using System.Globalization;
using ArchLab.Harness.Agents;
using ArchLab.Harness.Broker;
using ArchLab.Harness.Orchestration;
using ArchLab.Load.Engine;
using ArchLab.Load.Targets;

namespace ArchLab.Load.Bench;

/// <summary>
/// What load agents add: the same closed-model load (the same users in all) against the no-op endpoint, driven by the
/// engine in this process, then by 1, 2 and 3 <c>archlab agent</c> processes on loopback, in alternation so a noisy
/// neighbour hurts each alike. The figure is the merged accepted rate; each run's merged histogram is checked against
/// its agents' own counts.
/// </summary>
internal static class AgentsBenchmark
{
    public static async Task<int> RunAsync(BenchArguments arguments)
    {
        var users = arguments.Int("users", 24);
        var duration = arguments.Duration("duration", TimeSpan.FromSeconds(8));
        var rounds = arguments.Int("rounds", 2);
        var cli = Path.GetFullPath(arguments.Text("archlab", Path.Combine(Repository(), "harness", "ArchLab.Cli", "bin", "Release", "net10.0", "archlab.dll")));
        if (!File.Exists(cli))
        {
            Console.Error.WriteLine($"{cli} is missing: build the solution first, or pass --archlab <path to archlab.dll>");
            return 2;
        }

        var binary = NatsServerLocator.Find() ?? throw new InvalidOperationException($"nats-server is needed: {NatsServerLocator.InstallHint}");
        var folder = Directory.CreateTempSubdirectory("archlab-agents-bench-");
        await using var server = await ServerProcess.StartAsync();
        var url = new Uri(server.Url, "/noop");
        var load = new LoadOptions
        {
            Model = LoadModel.Closed,
            Users = users,
            Warmup = TimeSpan.FromSeconds(2),
            Duration = duration,
            Timeout = TimeSpan.FromSeconds(5),
        };
        Console.WriteLine($"no-op endpoint {url} (pid {server.ProcessId}); closed model, {users} users in all, {duration.TotalSeconds:0.#} s per run, {Environment.ProcessorCount} cores");

        var rates = new SortedDictionary<int, List<double>>();
        for (var round = 1; round <= rounds; round++)
        {
            foreach (var agents in new[] { 0, 1, 2, 3 })
            {
                var rate = agents == 0 ? await InProcessAsync(url, load, folder.FullName) : await OnAgentsAsync(agents, url, load, binary, cli, folder.FullName);
                (rates.TryGetValue(agents, out var list) ? list : rates[agents] = []).Add(rate);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"round {round}: {(agents == 0 ? "in the harness" : $"{agents} agent(s)"),-15} {rate,10:N0} req/s"));
            }
        }

        var baseline = rates[0].Average();
        foreach (var (agents, list) in rates)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{(agents == 0 ? "in the harness" : $"{agents} agent(s)"),-15} {list.Average(),10:N0} req/s = {list.Average() / baseline:P0} of the harness's own engine"));
        }

        folder.Delete(recursive: true);
        return 0;
    }

    /// <summary>The folder of ArchLab.sln above this benchmark's binaries (dotnet run starts it in its project's folder).</summary>
    private static string Repository()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "ArchLab.sln")))
            {
                return folder.FullName;
            }
        }

        return Directory.GetCurrentDirectory();
    }

    private static async Task<double> InProcessAsync(Uri url, LoadOptions load, string folder)
    {
        using var target = new HttpLoadTarget(new HttpTargetOptions { Url = url });
        var report = await new LoadEngine(load with { OutputDirectory = folder, FilePrefix = "inprocess" }, target).RunAsync(null, CancellationToken.None);
        return report.AcceptedPerSec;
    }

    private static async Task<double> OnAgentsAsync(int count, Uri url, LoadOptions load, string binary, string cli, string folder)
    {
        var here = Path.Combine(folder, $"agents-{count}-{Guid.NewGuid():N}");
        await using var agents = await LocalAgents.StartAsync(count, here, CancellationToken.None, (ServiceHostLocator.Dotnet(), [cli]));
        await using var pool = await AgentPool.ConnectAsync(agents.Url, count, CancellationToken.None);
        var run = await pool.StartAsync("bench", load, new AgentTarget(url, 1, 64, Traceparent: false), null, CancellationToken.None);
        var report = await run.FinishAsync(here, CancellationToken.None);
        var missing = run.Shares.Where(s => s.Problem is not null).Select(s => $"{s.Agent.Name}: {s.Problem}").ToList();
        if (missing.Count > 0)
        {
            throw new InvalidOperationException(string.Join("; ", missing));
        }

        // The merged histogram holds every accepted request of every agent, no more.
        var sum = run.Shares.Sum(s => s.Done!.Counts.Accepted);
        if (report.Latency.Accept.TotalCount != sum || report.Counts.Accepted != sum)
        {
            throw new InvalidOperationException($"merged {report.Latency.Accept.TotalCount} accepted against the agents' {sum}");
        }

        return report.AcceptedPerSec;
    }
}
