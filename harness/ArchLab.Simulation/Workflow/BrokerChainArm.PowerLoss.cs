using ArchLab.Harness.Model.Scenarios;

namespace ArchLab.Simulation.Workflow;

/// <summary>
/// A power loss of broker nodes, as the lazy filesystem measures it under nats-server 2.9, which makes no fsync: a
/// store keeps what is older than the arm's write-back age and nothing newer. A stream loses what it stored within
/// that age where the power went on a majority of its copies (R1: its one node, taken to be the one that went, as for
/// every node fault here; R3: only when every node goes). What it lost and had not delivered yet is gone with its
/// order; a message a consumer had already taken is finished by it. The stream's own files are as old as the arm:
/// younger than the write-back age (or with an age of 0) they are gone too; the stream with them where its definition
/// was on no other node (one node, or every node's power gone), and the arm's publishes are refused from then on; a
/// cluster's meta group keeps the definition and the restarted node makes the stream again, empty. The consumers' state goes back the same way: a message stored before the write-back age and acknowledged
/// within it is theirs again, delivered once more when they resume, and its step runs twice (durability's quick r1:
/// 52 orders duplicated measured, 3 where this was not modelled).
/// </summary>
internal sealed partial class BrokerChainArm
{
    protected override (long Messages, bool StreamGone) PowerLoss(PowerLossFault fault)
    {
        if (!_stream || _js.PowerLossKeepsCache || (_js.Replicas > 1 && fault.Node != BrokerNodes.All))
        {
            return (0, false);
        }

        if (_js.SyncInterval == TimeSpan.Zero)
        {
            return (0, false); // sync_interval: always, every write fsynced before it was acknowledged
        }

        long lost = 0;
        // A sync policy makes what is older than its interval durable too, as the kernel's write-back does.
        var writeback = Math.Min(_js.Writeback.TotalSeconds, _js.SyncInterval?.TotalSeconds ?? double.PositiveInfinity);
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

        // The store lost every file of the stream, its definition with them. On one node that is the end of it: no
        // publish is stored again. In a cluster the definition is the meta group's as well, and where the nodes that
        // kept power are its majority the restarted node makes the stream again, empty (durability's r1-fsync-only
        // stored orders again 1.3 s after its node's power went).
        var emptied = writeback <= 0 || cutoff <= 0;
        var gone = emptied && (Arm.Nodes <= 1 || fault.Node == BrokerNodes.All);
        if (!emptied)
        {
            Forgotten(cutoff);
        }

        if (gone)
        {
            _refusing++;
        }
        else if (emptied)
        {
            // No node has the stream until the restarted one makes it again: nothing to count meanwhile.
            _unanswered++;
            Sim.After(_publishBack, Id, StoreAnswers);
        }

        return (lost, emptied);
    }

    /// <summary>
    /// Acknowledgements younger than <paramref name="cutoff"/> of messages the store kept: the consumer's state no
    /// longer has them, so the message is due again, ahead of new ones.
    /// </summary>
    private void Forgotten(double cutoff)
    {
        for (var id = 0; id < _messages.Count; id++)
        {
            ref var message = ref _messages[id];
            if (message.State == MessageState.Acked && message.StoredAt <= cutoff && message.SettledAt > cutoff)
            {
                message.State = MessageState.Stored;
                message.Delivered = false;
                _live++;
                _liveOf[message.Order]++;
                DueAgain(message.Step, id);
            }
        }
    }
}
