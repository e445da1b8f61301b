using System.Diagnostics;
using ArchLab.Load;
using ArchLab.Load.Engine;
using NATS.Client.Core;

namespace ArchLab.Harness.Agents;

/// <summary>A run that cannot start on its agents: which are missing, slow, busy or of another build.</summary>
public sealed class AgentsUnavailableException(string message) : Exception(message);

/// <summary>
/// The coordinator's side: the agents found on a NATS server for one run. It refuses when fewer answer than wanted,
/// or any answers slowly, is busy or runs another build, and says which. Each arm's load is split across them
/// (<see cref="Split"/>), started on one wall-clock instant, collected and merged into one report.
/// </summary>
public sealed class AgentPool : IAsyncDisposable
{
    /// <summary>
    /// How long discovery listens for agents' answers at most (it stops as soon as every agent it needs has answered),
    /// and how long one agent has to accept its share: time for an agent on a busy machine to answer.
    /// </summary>
    public static readonly TimeSpan AnswerWithin = TimeSpan.FromSeconds(5);

    // From the shares sent to the common start: time for every agent to accept and wait.
    private static readonly TimeSpan StartLead = TimeSpan.FromSeconds(1.5);

    private readonly NatsConnection _nats;
    private readonly AgentFiles _files;
    private readonly string _run = Guid.NewGuid().ToString("N")[..12];
    private int _arms;

    private AgentPool(NatsConnection nats, AgentFiles files, IReadOnlyList<AgentInfo> agents, string url)
    {
        _nats = nats;
        _files = files;
        Agents = agents;
        Url = url;
    }

    /// <summary>The agents that drive the load.</summary>
    public IReadOnlyList<AgentInfo> Agents { get; }

    /// <summary>The roles placed on agents (<c>run --place</c>); null when every role runs on this machine.</summary>
    public RolePlacement? Placement { get; private set; }

    public string Url { get; }

    /// <summary>
    /// Finds <paramref name="wanted"/> idle agents of this build at <paramref name="url"/>, and the agent named for each
    /// role of <paramref name="placement"/> (role to agent name), or refuses saying why.
    /// </summary>
    public static async Task<AgentPool> ConnectAsync(string url, int wanted, CancellationToken cancellationToken, IReadOnlyDictionary<string, string>? placement = null)
    {
        var nats = new NatsConnection(new NatsOpts { Url = url, Name = "archlab-coordinator" });
        try
        {
            await nats.ConnectAsync();
            var found = new List<AgentInfo>();
            var replies = nats.RequestManyAsync<byte[], byte[]>(AgentProtocol.Discover, [], replyOpts: new NatsSubOpts { Timeout = AnswerWithin }, cancellationToken: cancellationToken);
            try
            {
                await foreach (var reply in replies)
                {
                    try
                    {
                        found.Add(AgentProtocol.Decode<AgentInfo>(reply.Data ?? []));
                    }
                    catch (System.Text.Json.JsonException)
                    {
                        // Something else answers on the discovery subject: not an agent.
                    }

                    if (Enough(found, wanted, placement))
                    {
                        break;
                    }
                }
            }
            catch (NatsNoRespondersException)
            {
                // No agent listens at all: said below, with how to start one.
            }

            var problems = new List<string>();
            var other = found.Where(a => a.Version != AgentProtocol.Version).ToList();
            problems.AddRange(other.Select(a => $"agent {a.Name} on {a.Host} runs build {a.Version}, this harness {AgentProtocol.Version}: run the same build on every host"));
            problems.AddRange(found.Where(a => a.Busy).Select(a => $"agent {a.Name} on {a.Host} is busy with another run"));
            var idle = found.Where(a => a.Version == AgentProtocol.Version && !a.Busy).OrderBy(a => a.Name, StringComparer.Ordinal).ToList();
            if (idle.Count < wanted)
            {
                var names = found.Count == 0 ? "none answered" : $"{found.Count} answered ({string.Join(", ", found.Select(a => $"{a.Name} on {a.Host}"))})";
                throw new AgentsUnavailableException($"{wanted} load agent(s) wanted at {url} within {AnswerWithin.TotalSeconds:0} s, {idle.Count} ready: {names}"
                    + (problems.Count > 0 ? "; " + string.Join("; ", problems) : "")
                    + ". Start one on each host with: ./archlab agent --nats-url " + url);
            }

            var hosts = new Dictionary<string, AgentInfo>(StringComparer.Ordinal);
            foreach (var (role, name) in placement ?? new Dictionary<string, string>())
            {
                hosts[role] = found.FirstOrDefault(a => a.Name == name && a.Version == AgentProtocol.Version)
                    ?? throw new AgentsUnavailableException($"--place {role}={name}: no agent {name} of this build answered at {url} within {AnswerWithin.TotalSeconds:0} s"
                        + $" ({(found.Count == 0 ? "none answered" : string.Join(", ", found.Select(a => $"{a.Name} on {a.Host}")))}). Start it with: ./archlab agent --nats-url {url} --name {name}");
            }

            var pool = new AgentPool(nats, await AgentFiles.OpenAsync(nats, cancellationToken), idle.Take(wanted).ToList(), url);
            if (hosts.Count > 0)
            {
                pool.Placement = await RolePlacement.OpenAsync(nats, pool._files, pool._run, hosts, cancellationToken);
            }

            return pool;
        }
        catch (Exception e) when (e is NatsException or TimeoutException)
        {
            await nats.DisposeAsync();
            throw new AgentsUnavailableException($"load agents: cannot reach NATS at {url}: {e.Message}");
        }
        catch
        {
            await nats.DisposeAsync();
            throw;
        }
    }

    // Every agent the run needs has answered: idle ones of this build, and each agent a role is placed on.
    private static bool Enough(List<AgentInfo> found, int wanted, IReadOnlyDictionary<string, string>? placement)
    {
        var ready = found.Where(a => a.Version == AgentProtocol.Version && !a.Busy).ToList();
        return ready.Count >= wanted && (placement ?? new Dictionary<string, string>()).Values.All(name => ready.Any(a => a.Name == name));
    }

    /// <summary>
    /// Agent <paramref name="index"/>'s share of <paramref name="load"/> among <paramref name="count"/>: an open model's
    /// rate divided (its ramp and bursts alike), a closed model's users dealt out, the in-flight bound divided; its own
    /// seed, so the agents' Poisson arrivals are independent (their sum is Poisson at the whole rate).
    /// </summary>
    public static LoadOptions Split(LoadOptions load, int index, int count) => load with
    {
        RatePerSec = load.RatePerSec / count,
        RampFromPerSec = load.RampFromPerSec / count,
        Users = (load.Users / count) + (index < load.Users % count ? 1 : 0),
        MaxInFlight = Math.Max(1, load.MaxInFlight / count),
        Seed = load.Seed + (index * 7919),
    };

    /// <summary>Sends every agent its share to start together; the run's measured window opens at <see cref="AgentRun.MeasureStartTimestamp"/>.</summary>
    public async Task<AgentRun> StartAsync(string arm, LoadOptions load, AgentTarget target, IProgress<LoadProgress>? progress, CancellationToken cancellationToken)
    {
        if (load.Model == LoadModel.Closed && load.Users < Agents.Count)
        {
            throw new AgentsUnavailableException($"arm {arm}: {load.Users} users cannot be shared by {Agents.Count} agents");
        }

        var run = $"{_run}-{Interlocked.Increment(ref _arms)}";
        var start = DateTimeOffset.UtcNow + StartLead;
        var done = await _nats.SubscribeCoreAsync<byte[]>(AgentProtocol.DoneOf(run), cancellationToken: cancellationToken);
        var live = await _nats.SubscribeCoreAsync<byte[]>(AgentProtocol.ProgressOfAll(run), cancellationToken: cancellationToken);
        var shares = Agents.Select((a, i) => new AgentWork(run, arm, i, Agents.Count, Split(load, i, Agents.Count), target, start)).ToList();
        var refused = new List<string>();
        foreach (var work in shares)
        {
            var agent = Agents[work.Index];
            try
            {
                var reply = await _nats.RequestAsync<byte[], byte[]>(AgentProtocol.WorkOf(agent.Name), AgentProtocol.Encode(work),
                    replyOpts: new NatsSubOpts { Timeout = AnswerWithin }, cancellationToken: cancellationToken);
                var answer = AgentProtocol.Decode<AgentReply>(reply.Data ?? []);
                if (!answer.Accepted)
                {
                    refused.Add($"agent {agent.Name} refused: {answer.Problem}");
                }
            }
            catch (Exception e) when (e is NatsException or TimeoutException)
            {
                refused.Add($"agent {agent.Name} did not accept within {AnswerWithin.TotalSeconds:0} s ({e.Message})");
            }
            catch (System.Text.Json.JsonException e)
            {
                refused.Add($"agent {agent.Name} answered with something other than a reply ({e.Message})");
            }
        }

        if (refused.Count > 0)
        {
            await CancelAsync(run);
            await done.DisposeAsync();
            await live.DisposeAsync();
            throw new AgentsUnavailableException($"arm {arm} not started: {string.Join("; ", refused)}");
        }

        var measureStart = start + LoadEngine.Lead + load.Warmup;
        return new AgentRun(this, run, arm, load, shares, measureStart, TicksAt(measureStart), done, live, progress);
    }

    internal Task TakeFilesAsync(string prefix, IEnumerable<string> names, string folder, CancellationToken cancellationToken) =>
        _files.TakeAsync(prefix, names, folder, cancellationToken);

    internal Task CancelAsync(string run) =>
        Task.WhenAll(Agents.Select(a => _nats.PublishAsync(AgentProtocol.CancelOf(a.Name), System.Text.Encoding.UTF8.GetBytes(run)).AsTask()));

    /// <summary>This machine's monotonic ticks at a wall-clock instant.</summary>
    public static long TicksAt(DateTimeOffset instant) =>
        Stopwatch.GetTimestamp() + (long)((instant - DateTimeOffset.UtcNow).TotalSeconds * Stopwatch.Frequency);

    public async ValueTask DisposeAsync()
    {
        if (Placement is not null)
        {
            await Placement.DisposeAsync();
        }

        await _nats.DisposeAsync();
    }
}
