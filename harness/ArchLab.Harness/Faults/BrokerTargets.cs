using ArchLab.Contracts.Messages;
using ArchLab.Harness.Broker;
using ArchLab.Harness.Model.Scenarios;

namespace ArchLab.Harness.Faults;

/// <summary>One broker process a fault acts on: its index among the nodes, the server, and the name its resources are kept under.</summary>
internal sealed record BrokerTarget(int Index, LocalNatsServer Node, string Name);

/// <summary>
/// The broker processes a fault names: <c>broker</c> (a server alone), a node of a cluster (<c>broker.2</c>, or
/// <c>broker.leader</c>: the orders stream's leader when the window opens) or <c>broker.all</c>.
/// </summary>
internal static class BrokerTargets
{
    /// <returns>The processes, and the node <c>broker.leader</c> turned out to be (null for any other target).</returns>
    public static async Task<(IReadOnlyList<BrokerTarget> Nodes, string? Resolved)> ResolveAsync(
        string target, string kind, IBroker? broker, CancellationToken cancellationToken)
    {
        switch (broker)
        {
            case LocalNatsServer single when target == "broker":
                return ([new BrokerTarget(0, single, "nats-server")], null);
            case LocalNatsCluster cluster when target == BrokerNodes.All:
                return ([.. cluster.Nodes.Select((node, i) => Of(cluster, i))], null);
            case LocalNatsCluster cluster when BrokerNodes.IndexOf(target) is { } index && index < cluster.Nodes.Count:
                return ([Of(cluster, index)], null);
            case LocalNatsCluster cluster when target == BrokerNodes.Leader:
                var leader = await cluster.LeaderOfAsync(Subjects.OrdersStream, cancellationToken)
                    ?? throw new InvalidOperationException($"no node answered as the leader of the {Subjects.OrdersStream} stream, so there is no leader to {kind}");
                return ([Of(cluster, leader)], LocalNatsCluster.NodeName(leader));
            default:
                throw new InvalidOperationException($"{target} is not a broker process the harness started for this arm");
        }
    }

    private static BrokerTarget Of(LocalNatsCluster cluster, int index) =>
        new(index, cluster.Nodes[index], $"nats-server {LocalNatsCluster.NodeName(index)}");
}
