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
internal sealed class PowerLossFaultAction(PowerLossFault fault, IBroker broker, LazyStores stores, ResourceSampler resources, bool keepsCache) : IFaultAction
{
    private IReadOnlyList<BrokerTarget> _nodes = [];

    public string? Resolved { get; private set; }

    public PowerLossFigures? Figures { get; private set; }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        (_nodes, Resolved) = await BrokerTargets.ResolveAsync(fault.Node, "cut the power of", broker, cancellationToken);
        var fsyncs = _nodes.Sum(n => stores.Fsyncs(n.Index));
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
            losses.Sum(l => l.BytesDropped), losses.Sum(l => l.WritesDropped), losses.Sum(l => l.NamesDropped), fsyncs,
            [.. _nodes.Zip(losses).SelectMany(p => p.Second.Files.Select(f => _nodes.Count == 1 && stores.Count == 1 ? f : $"{p.First.Name}/{f}"))])
        {
            CacheKept = keepsCache,
        };
    }

    public async Task EndAsync(CancellationToken cancellationToken)
    {
        foreach (var (_, node, name) in _nodes)
        {
            await node.RestartAsync(cancellationToken);
            resources.Track(name, node.Process.Pid);
        }
    }
}
