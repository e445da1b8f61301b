using ArchLab.Harness.Broker;
using ArchLab.Harness.Model.Results;
using ArchLab.Harness.Model.Scenarios;
using ArchLab.Harness.Processes;
using ArchLab.Harness.Samplers;

namespace ArchLab.Harness.Faults;

/// <summary>
/// A broker node's power goes (or every node's, <c>broker.all</c>): the node is killed (SIGKILL) and at the same
/// instant its store, on the lazy filesystem, goes back to what was durable: fsynced, or older than the arm's
/// write-back age. The node starts again on that store when the window ends. What was dropped is kept for the results.
/// </summary>
/// <param name="keepsCache">The arm's <c>powerLoss: kill</c>: the process dies and the page cache keeps every write (nothing is taken back).</param>
/// <param name="stream">The arm's reader of the broker's own counters, read just before the power goes and once it is back.</param>
internal sealed class PowerLossFaultAction(
    PowerLossFault fault, IBroker broker, LazyStores stores, ResourceSampler resources, bool keepsCache, BrokerSampler? stream) : IFaultAction
{
    /// <summary>How long the reading after waits for the stream's leader to answer (every node restarted elects one first).</summary>
    private static readonly TimeSpan SettleLimit = TimeSpan.FromSeconds(15);

    private static readonly TimeSpan ReadingLimit = TimeSpan.FromSeconds(1);

    private IReadOnlyList<BrokerTarget> _nodes = [];
    private JszSnapshot? _before;
    private DateTimeOffset _restarted;

    public string? Resolved { get; private set; }

    public PowerLossFigures? Figures { get; private set; }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        (_nodes, Resolved) = await BrokerTargets.ResolveAsync(fault.Node, "cut the power of", broker, cancellationToken);
        _before = await ReadAsync(cancellationToken);
        // A file in a cluster's stores is named with its node.
        string Named(string node, string file) => _nodes.Count == 1 && stores.Count == 1 ? file : $"{node}/{file}";
        var fsyncs = _nodes.SelectMany(n => stores.Fsyncs(n.Index).Select(f => (File: Named(n.Name, f.Key), Count: f.Value)))
            .ToDictionary(f => f.File, f => f.Count, StringComparer.Ordinal);
        foreach (var (_, node, name) in _nodes)
        {
            resources.Sample(name);
            node.Process.Send(Signal.Kill);
        }

        foreach (var (_, node, _) in _nodes)
        {
            await node.Process.Exited.WaitAsync(TimeSpan.FromSeconds(15), cancellationToken);
        }

        var losses = _nodes.Select(n => keepsCache ? new LazyFs.PowerLoss() : stores.PowerLoss(n.Index)).ToList();
        Figures = new PowerLossFigures(
            losses.Sum(l => l.BytesDropped), losses.Sum(l => l.WritesDropped), losses.Sum(l => l.NamesDropped), fsyncs.Values.Sum(),
            [.. _nodes.Zip(losses).SelectMany(p => p.Second.Files.Select(f => Named(p.First.Name, f)))])
        {
            CacheKept = keepsCache,
            FsyncsByFile = fsyncs,
            StreamBefore = Reading(_before),
        };
    }

    public async Task EndAsync(CancellationToken cancellationToken)
    {
        _restarted = DateTimeOffset.UtcNow;
        foreach (var (_, node, name) in _nodes)
        {
            await node.RestartAsync(cancellationToken);
            resources.Track(name, node.Process.Pid);
        }
    }

    /// <summary>
    /// The stream as the broker counts it once the nodes are back: where its newest message is older than the restart,
    /// nothing was published since, and the last sequence's fall is what the store took back.
    /// </summary>
    public async Task SettleAsync(CancellationToken cancellationToken)
    {
        if (stream is null || Figures is null)
        {
            return;
        }

        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(SettleLimit);
        using var tick = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        JszSnapshot? after = null;
        try
        {
            // A cluster's stream counts once a leader has it again; until then a follower's copy may lag.
            while (((after = await ReadAsync(limit.Token)) is null || (after.Leader is null && broker is LocalNatsCluster))
                && await tick.WaitForNextTickAsync(limit.Token))
            {
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
        }

        var led = after is not null && (after.Leader is not null || broker is not LocalNatsCluster);
        var untouched = led && after?.LastStored is { } newest && newest < _restarted;
        Figures = Figures with
        {
            StreamAfter = Reading(after),
            SequencesTakenBack = _before is not null && after is not null && untouched
                ? Math.Max(0, (long)_before.StreamLastSeq - (long)after.StreamLastSeq)
                : null,
        };
    }

    private async Task<JszSnapshot?> ReadAsync(CancellationToken cancellationToken)
    {
        if (stream is null)
        {
            return null;
        }

        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(ReadingLimit);
        try
        {
            return await stream.SampleNowAsync(limit.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or HttpRequestException && !cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    private static StreamReading? Reading(JszSnapshot? snapshot) =>
        snapshot is null ? null : new StreamReading(snapshot.StreamMessages, (long)snapshot.StreamLastSeq, snapshot.Backlog);
}
