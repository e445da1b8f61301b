using ArchLab.Contracts.Messages;
using ArchLab.Harness.Broker;
using ArchLab.Harness.Model.Scenarios;

namespace ArchLab.Harness.Faults;

/// <summary>
/// A network partition: every route of one broker node cut at the proxy (the node, <c>broker.2</c> or the orders
/// stream's leader when the window opens, runs on alone and keeps its clients), restored when the window ends.
/// </summary>
internal sealed class PartitionFaultAction(PartitionFault fault, LocalNatsCluster cluster) : IFaultAction
{
    private int? _node;

    public string? Resolved => _node is { } node && fault.Node == BrokerNodes.Leader ? LocalNatsCluster.NodeName(node) : null;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _node = BrokerNodes.IndexOf(fault.Node) ?? await cluster.LeaderOfAsync(Subjects.OrdersStream, cancellationToken)
            ?? throw new InvalidOperationException($"no node answered as the leader of the {Subjects.OrdersStream} stream, so there is no leader to partition");
        await cluster.SetPartitionedAsync(_node.Value, partitioned: true, cancellationToken);
    }

    public Task EndAsync(CancellationToken cancellationToken) =>
        _node is { } node ? cluster.SetPartitionedAsync(node, partitioned: false, cancellationToken) : Task.CompletedTask;
}
