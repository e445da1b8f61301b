using ArchLab.Harness.Model.Results;
using ArchLab.Harness.Model.Semantics;
using ArchLab.Hlog.Codec;
using ArchLab.Load;
using ArchLab.Load.Recording;
using ArchLab.Load.Engine;
using NATS.Client.Core;

namespace ArchLab.Harness.Agents;

/// <summary>
/// One arm's load running on the agents: their progress added up while it runs, then every agent's report and files,
/// merged. An agent silent for <see cref="AgentProtocol.Silence"/> (its process died, its host or network went away),
/// or without a report by the deadline, is marked with the problem, and the others' data is kept. A message that is
/// not the protocol's is ignored.
/// </summary>
public sealed class AgentRun(AgentPool pool, string run, string arm, LoadOptions load, IReadOnlyList<AgentWork> shares,
    DateTimeOffset measureStart, long measureStartTicks, INatsSub<byte[]> done, INatsSub<byte[]> live, IProgress<LoadProgress>? progress)
{
    // After the last answer is due, time for an agent to put its files in the store and report.
    private static readonly TimeSpan ReportGrace = TimeSpan.FromSeconds(20);

    // When each agent was last heard from (its heartbeats), and when the shares went out.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, DateTimeOffset> _heard = new(StringComparer.Ordinal);
    private readonly DateTimeOffset _sent = DateTimeOffset.UtcNow;

    /// <summary>The measured window's start on this machine's monotonic clock, as a local engine's.</summary>
    public long MeasureStartTimestamp { get; } = measureStartTicks;

    /// <summary>Every agent's share after the run, with what it measured or why it did not.</summary>
    public IReadOnlyList<AgentShare> Shares { get; private set; } = [];

    /// <summary>Waits for every agent's report (or its deadline), fetches the files and merges them into <paramref name="folder"/>.</summary>
    public async Task<LoadReport> FinishAsync(string folder, CancellationToken cancellationToken)
    {
        using var stopFollowing = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var following = FollowAsync(stopFollowing.Token);
        var reports = new Dictionary<string, AgentDone>(StringComparer.Ordinal);
        // Each agent gives its requests the timeout, and the engine waits a grace past it (LoadEngine).
        var deadline = measureStart + load.Duration + (2 * load.Timeout) + TimeSpan.FromSeconds(4) + ReportGrace;
        try
        {
            while (reports.Count < shares.Count && DateTimeOffset.UtcNow < deadline && !AllSilent(reports))
            {
                using var tick = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                tick.CancelAfter(AgentProtocol.Beat);
                try
                {
                    var report = AgentProtocol.Decode<AgentDone>((await done.Msgs.ReadAsync(tick.Token)).Data ?? []);
                    if (pool.Agents.Any(a => a.Name == report.Agent))
                    {
                        reports.TryAdd(report.Agent, report);
                    }
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    // A second without a report: look at the deadline and the agents' silence again.
                }
                catch (System.Text.Json.JsonException)
                {
                    // Not a report: its agent, if it was one, counts as not having reported.
                }
            }
        }
        catch (OperationCanceledException)
        {
            await pool.CancelAsync(run);
            throw;
        }
        finally
        {
            // A subscription's channel does not end when it is disposed: the reader is cancelled.
            await stopFollowing.CancelAsync();
            await following;
            await done.DisposeAsync();
            await live.DisposeAsync();
        }

        var results = new List<AgentShare>();
        foreach (var share in shares)
        {
            var agent = pool.Agents[share.Index];
            var report = reports.GetValueOrDefault(agent.Name);
            var into = Path.Combine(folder, "agents", arm, agent.Name);
            string? problem = report is not null ? report.Problem
                : Silent(agent.Name) is { } quiet ? $"went silent: not heard from for {quiet.TotalSeconds:0} s (its process, host or connection went away); its share is missing"
                : $"did not report by {deadline:HH:mm:ss}: its share is missing";
            if (report is { Problem: null })
            {
                try
                {
                    await pool.TakeFilesAsync($"{run}/{agent.Name}/", report.Files, into, cancellationToken);
                }
                catch (Exception e) when (e is NATS.Client.Core.NatsException)
                {
                    problem = $"reported, but its files could not be fetched from the object store ({e.Message}): its share is missing";
                }
            }

            results.Add(new AgentShare(agent, share.Index, share.Count, problem is null ? report : report is null ? null : report with { Problem = problem }, into, problem));
        }

        Shares = results;
        var merged = results.Where(r => r.Problem is null).ToList();
        return AgentMerge.Merge(merged, AgentPool.TicksAt, MeasureStartTimestamp, measureStart, load, folder, arm);
    }

    /// <summary>Each agent's share for the results: its counts and its own latencies.</summary>
    public IReadOnlyList<AgentFigures> Figures() => [.. Shares.Select(s =>
    {
        var done = s.Problem is null ? s.Done : null;
        LatencySummary? Of(int k) => done is null ? null : Latency.Summarise(CompressedHistogram.Decode(Convert.FromBase64String(done.Histograms[k])));
        var c = done?.Counts ?? new LoadCounts(0, 0, 0, 0, 0);
        return new AgentFigures(s.Agent.Name, s.Agent.Host, s.Agent.Pid, c.Offered, c.Sent, c.Accepted, c.Errors, c.DroppedByGenerator, Of(0), Of(2), done?.Behind ?? 0, s.Problem);
    })];

    /// <summary>Whether every agent that has not reported has been silent past <see cref="AgentProtocol.Silence"/>: none will report.</summary>
    private bool AllSilent(Dictionary<string, AgentDone> reports) =>
        pool.Agents.Where(a => !reports.ContainsKey(a.Name)).All(a => Silent(a.Name) is not null);

    /// <summary>How long since an agent was last heard from, once that is past <see cref="AgentProtocol.Silence"/>; null while it is not.</summary>
    private TimeSpan? Silent(string agent)
    {
        var since = DateTimeOffset.UtcNow - (_heard.TryGetValue(agent, out var at) ? at : _sent);
        return since > AgentProtocol.Silence ? since : null;
    }

    /// <summary>Adds up the agents' latest progress and reports it as one engine's.</summary>
    private async Task FollowAsync(CancellationToken cancellationToken)
    {
        var latest = new Dictionary<string, LoadProgress>(StringComparer.Ordinal);
        try
        {
            await foreach (var message in live.Msgs.ReadAllAsync(cancellationToken))
            {
                _heard[message.Subject[(message.Subject.LastIndexOf('.') + 1)..]] = DateTimeOffset.UtcNow;
                try
                {
                    latest[message.Subject] = AgentProtocol.Decode<LoadProgress>(message.Data ?? []);
                }
                catch (System.Text.Json.JsonException)
                {
                    continue; // not progress: heard from, nothing to add
                }

                var all = latest.Values.ToList();
                progress?.Report(new LoadProgress(all.Min(p => p.Phase), all.Max(p => p.Elapsed), all.Max(p => p.PlannedTotal),
                    all.Sum(p => p.Offered), all.Sum(p => p.Sent), all.Sum(p => p.Accepted), all.Sum(p => p.Errors), all.Sum(p => p.Dropped),
                    all.Sum(p => p.InFlight), all.Sum(p => p.OfferedPerSec), all.Sum(p => p.AcceptedPerSec), all.Sum(p => p.ErrorsPerSec))
                {
                    AcceptP99Ms = all.Max(p => p.AcceptP99Ms),
                });
            }
        }
        catch (Exception e) when (e is OperationCanceledException or System.Threading.Channels.ChannelClosedException)
        {
        }
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
