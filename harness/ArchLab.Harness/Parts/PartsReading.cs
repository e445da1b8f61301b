using ArchLab.Harness.Broker;
using ArchLab.Harness.Model.Results;
using ArchLab.Harness.Orchestration;

namespace ArchLab.Harness.Parts;

/// <summary>
/// Reads an arm's moving parts while its processes run and its consumers are subscribed (after priming): the
/// processes and the ports they listen on, the broker's objects, the settings given to both, the style's code.
/// The failure classes come later, from the ledger check.
/// </summary>
public static class PartsReading
{
    /// <param name="topologyKeys">The settings the harness gave the broker's stream and consumers.</param>
    public static async Task<MovingParts> ReadAsync(string style, ArmServices services, IBroker? broker, int topologyKeys, CancellationToken cancellationToken)
    {
        var pids = services.Pids.ToList();
        if (broker?.Pid is { } brokerPid)
        {
            pids.Add(brokerPid);
        }

        // A cluster's nodes are processes each, with their client, monitoring and route ports.
        var clusterPids = broker is Broker.LocalNatsCluster cluster ? cluster.Nodes.Select(n => n.Process.Pid).ToList() : [];
        pids.AddRange(clusterPids);
        var brokerProcesses = clusterPids.Count > 0 ? clusterPids.Count : broker is null ? 0 : 1;

        var objects = broker?.MonitoringUrl is { } monitoring ? await BrokerInventory.ReadAsync(monitoring, cancellationToken) : null;
        return new MovingParts(
            Processes: services.ProcessOptions.Count + brokerProcesses,
            ListeningPorts: ListeningSockets.PortsOf(pids).Count,
            Broker: objects,
            ConfigKeys: services.ProcessOptions.Sum(ConfigKeys.Of) + topologyKeys,
            CodeLines: StyleCode.LinesOf(style),
            FailureClasses: []);
    }
}
