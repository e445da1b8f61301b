using ArchLab.Contracts.Workflow;
using ArchLab.Harness.Broker;
using ArchLab.Harness.Links;
using ArchLab.Harness.Model.Scenarios;
using ArchLab.Harness.Orchestration;
using ArchLab.Harness.Samplers;

namespace ArchLab.Harness.Faults;

/// <summary>Turns the scenario's fault timeline into actions against one arm's processes, broker and load.</summary>
public static class ArmFaults
{
    /// <summary>Checks before anything starts that the arm can take every fault of the timeline.</summary>
    /// <summary>Refuses, before any arm runs, a fault on a role the arm does not have (<c>notify</c> when it has <c>notify.1</c> .. <c>notify.N</c>, or the reverse).</summary>
    public static void CheckTargets(Scenario scenario, ArmSpec arm)
    {
        if (LazyStores.Refused(scenario) is { } refused)
        {
            throw new NotSupportedException(refused);
        }

        var roles = Roles.AllOf(scenario.ReceiversOf(arm));
        foreach (var target in scenario.Faults.Select(f => f switch { ProcessFault p => p.Process, StepFault s => s.Step, _ => null }))
        {
            if (target is not null && target != "broker" && !BrokerNodes.IsNode(target) && !roles.Contains(target))
            {
                throw new NotSupportedException(
                    $"arm {arm.Name} has no role '{target}': its roles are {string.Join(", ", roles)} ({scenario.ReceiversOf(arm)} receiver(s)); fault one receiver by its name");
            }
        }
    }

    public static void Validate(Scenario scenario, ArmSpec arm, IBroker? broker, bool rabbitNode = false)
    {
        foreach (var fault in scenario.Faults)
        {
            switch (fault)
            {
                case ProcessFault { Process: "broker" } when rabbitNode:
                    break;
                case ProcessFault p when rabbitNode && BrokerNodes.IsNode(p.Process):
                case PartitionFault or PowerLossFault when rabbitNode:
                    throw new NotSupportedException(
                        $"arm {arm.Name} ({arm.Style}) runs on one RabbitMQ node: fault the broker as a whole (kill, stop or pause: broker); broker nodes, partitions and power losses are built for nats-server only");
                case ProcessFault { Process: "broker" } when broker is null:
                    throw new NotSupportedException($"arm {arm.Name} ({arm.Style}) has no broker to {fault.Kind}");
                case ProcessFault { Process: "broker" } when broker is LocalNatsCluster cluster:
                    throw new NotSupportedException(
                        $"arm {arm.Name}'s broker is a cluster of {cluster.Nodes.Count} nodes: name the one to {fault.Kind} (broker.1 .. broker.{cluster.Nodes.Count}, or {BrokerNodes.Leader})");
                case ProcessFault { Process: "broker" } when broker is not LocalNatsServer:
                    throw new NotSupportedException($"arm {arm.Name}: broker faults need a nats-server started by the harness, not a {broker.Kind} one");
                case ProcessFault p when BrokerNodes.IsNode(p.Process):
                    CheckNode(arm, broker, p.Process, fault.Kind);
                    break;
                case PartitionFault partition:
                    CheckNode(arm, broker, partition.Node, fault.Kind);
                    break;
                case PowerLossFault when broker is null:
                    throw new NotSupportedException($"arm {arm.Name} ({arm.Style}) has no broker whose power to cut");
                case PowerLossFault when broker is not LocalNatsServer and not LocalNatsCluster:
                    throw new NotSupportedException($"arm {arm.Name}: a power loss needs a nats-server the harness starts on its lazy store, not a {broker.Kind} one");
                case PowerLossFault { Node: "broker" } when broker is LocalNatsCluster cluster:
                    throw new NotSupportedException(
                        $"arm {arm.Name}'s broker is a cluster of {cluster.Nodes.Count} nodes: name the node whose power goes (broker.1 .. broker.{cluster.Nodes.Count}, {BrokerNodes.Leader}) or {BrokerNodes.All}");
                case PowerLossFault { Node: BrokerNodes.All }:
                    break;
                case PowerLossFault power when power.Node != "broker":
                    CheckNode(arm, broker, power.Node, fault.Kind);
                    break;
                case NetworkFault network when broker is LocalNatsCluster && network.Link.Split("->").Contains("broker"):
                    throw new NotSupportedException(
                        $"arm {arm.Name}'s broker is a cluster: a link to it has one connection per node; cut a node off with partition: broker.N or {BrokerNodes.Leader} instead of link: {network.Link}");
            }
        }
    }

    private static void CheckNode(ArmSpec arm, IBroker? broker, string node, string kind)
    {
        if (broker is not LocalNatsCluster cluster)
        {
            throw new NotSupportedException(
                $"arm {arm.Name} has {(broker is null ? "no broker" : "a broker of one node")}: {kind} {node} needs a cluster the harness starts (nodes: 3 on the arm)");
        }

        if (BrokerNodes.IndexOf(node) is { } index && index >= cluster.Nodes.Count)
        {
            throw new NotSupportedException($"arm {arm.Name}'s broker has {cluster.Nodes.Count} nodes, broker.1 .. broker.{cluster.Nodes.Count}: there is no {node}");
        }
    }

    /// <summary>The connections the arm's network faults act on, each once; a link the style does not have is left out.</summary>
    public static IReadOnlyList<(string Dialer, string Listener)> Connections(Scenario scenario, ArmSpec arm) =>
        scenario.Faults.OfType<NetworkFault>()
            .Select(f => LinkTopology.Connection(arm.Style, f.Link, out _, arm.Devices))
            .OfType<(string, string)>()
            .Distinct()
            .ToList();

    public static IReadOnlyList<ScheduledFault> Schedule(
        Scenario scenario, ArmSpec arm, ArmServices services, IBroker? broker, ResourceSampler resources, uint nonce, HttpClient control,
        ProxyLinks? links, LazyStores? stores = null, BrokerSampler? stream = null, Rabbit.LocalRabbitNode? rabbit = null) =>
        scenario.Faults.Select((fault, index) => fault switch
        {
            ProcessFault process => new ScheduledFault(fault, new ProcessFaultAction(process, services, broker, resources, rabbit)),
            PartitionFault partition => new ScheduledFault(fault, new PartitionFaultAction(partition, (LocalNatsCluster)broker!)),
            PowerLossFault power => new ScheduledFault(fault, new PowerLossFaultAction(power, broker!,
                stores ?? throw new InvalidOperationException($"arm {arm.Name}: its broker's store is not on the lazy filesystem"), resources,
                arm.JetStream?.PowerLossKeepsCache == true, stream)),
            StepFault step => new ScheduledFault(fault, new StepFaultAction(step, services, arm.Style, nonce, control)),
            NetworkFault network => Network(network, index, arm, links),
            _ => new ScheduledFault(fault, null),
        }).ToList();

    private static ScheduledFault Network(NetworkFault fault, int index, ArmSpec arm, ProxyLinks? links)
    {
        if (LinkTopology.Connection(arm.Style, fault.Link, out var why, arm.Devices) is not { } connection)
        {
            return new ScheduledFault(fault, null, NotApplied: why);
        }

        var proxy = links?.Proxy ?? throw new InvalidOperationException($"arm {arm.Name}: link {fault.Link} is not routed through the proxy");
        return new ScheduledFault(fault, new NetworkFaultAction(fault, proxy, ProxyLinks.NameOf(connection.Dialer, connection.Listener), $"fault{index + 1}"));
    }
}
