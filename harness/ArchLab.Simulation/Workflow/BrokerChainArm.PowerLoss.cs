using ArchLab.Harness.Model.Scenarios;

namespace ArchLab.Simulation.Workflow;

/// <summary>
/// A power loss of broker nodes, as the lazy filesystem measures it under nats-server 2.9, which makes no fsync: a
/// store keeps what is older than the arm's write-back age and nothing newer. A stream loses what it stored within
/// that age where the power went on a majority of its copies (R1: its one node, taken to be the one that went, as for
/// every node fault here; R3: only when every node goes). What it lost and had not delivered yet is gone with its
/// order; a message a consumer had already taken is finished by it. The stream's own definition is as old as the arm:
/// younger than the write-back age (or with an age of 0) it is gone too, and the arm's publishes are refused from then
/// on. What the consumers' forgotten acknowledgements redeliver (duplicates) is not modelled.
/// </summary>
internal sealed partial class BrokerChainArm
{
    protected override (long Messages, bool StreamGone) PowerLoss(PowerLossFault fault)
    {
        if (!_stream || _js.PowerLossKeepsCache || (_js.Replicas > 1 && fault.Node != BrokerNodes.All))
        {
            return (0, false);
        }

        long lost = 0;
        var writeback = _js.Writeback.TotalSeconds;
        var cutoff = Sim.Now - writeback;
        foreach (var id in _streamOrder)
        {
            ref var message = ref _messages[id];
            if (message.State == MessageState.Stored && !message.Delivered && (writeback <= 0 || message.StoredAt > cutoff))
            {
                Settle(id, MessageState.Lost);
                lost++;
            }
        }

        var gone = writeback <= 0 || cutoff <= 0;
        if (gone)
        {
            _refusing++; // the stream is gone: no publish is stored again, whatever comes back
        }

        return (lost, gone);
    }
}
