using ArchLab.Contracts.Hosting;
using ArchLab.Simulation.Queueing;

namespace ArchLab.Simulation.Workflow;

/// <summary>
/// A JetStream step consumer's pull, as NATS.Client.JetStream does it with the service's <see cref="JetStreamPull"/>:
/// the stream holds each step's undelivered messages (redeliveries first, then in stream order) and delivers them
/// only while the client has credit; a delivered message waits in the client's buffer (the step station's queue)
/// until a handler takes it. The client counts as pending what it asked for and has not handed to a handler; each
/// handover lowers the count, and at or below the threshold it asks for the rest up to its maximum. A delivered
/// message is the client's: the stream's max age no longer reaches it (the stored copy goes, the client's copy is
/// processed), and its ack wait runs from delivery. A killed consumer loses its buffer (the ack wait redelivers what
/// was in it); its new process pulls afresh. The consumer's max ack pending (1000 by default) is not modelled: a pull
/// of twice the handlers plus the handlers stays below it.
/// </summary>
internal sealed partial class BrokerChainArm
{
    private const int Deliver = ModelKinds + 3;

    private JetStreamPull[] _pulls = [];
    private int[] _pending = [];
    private Queue<int>[] _fresh = [];
    private Queue<int>[] _again = [];
    private bool[] _deliverScheduled = [];

    private void StartPulls()
    {
        _pulls = [.. Steps.Select(s => JetStreamPull.For(ServiceOptions.HandlersFor(s.Servers)))];
        _pending = [.. _pulls.Select(p => p.MaxMsgs)];
        _fresh = [.. Steps.Select(_ => new Queue<int>())];
        _again = [.. Steps.Select(_ => new Queue<int>())];
        _deliverScheduled = new bool[Steps.Length];
    }

    /// <summary>A message stored for <paramref name="step"/>: it waits in the stream until the consumer has credit.</summary>
    private void Stored(int step, int id)
    {
        _fresh[step].Enqueue(id);
        DeliverAll(step);
    }

    /// <summary>A nak'd or timed-out message is due again: the server delivers redeliveries before new messages.</summary>
    private void DueAgain(int step, int id)
    {
        _again[step].Enqueue(id);
        DeliverAll(step);
    }

    /// <summary>
    /// A handler takes a message from the client's buffer: one fewer pending, and a new pull when at the threshold.
    /// Called from within the station's start of a job, so the deliveries the new credit allows come as an event.
    /// </summary>
    private void HandedOver(int step)
    {
        var pull = _pulls[step];
        if (--_pending[step] <= pull.ThresholdMsgs)
        {
            _pending[step] = pull.MaxMsgs;
            if (!_deliverScheduled[step])
            {
                _deliverScheduled[step] = true;
                Sim.After(0, Id, Deliver, step);
            }
        }
    }

    protected override void Restarted(int step)
    {
        if (_stream && step >= 0)
        {
            _pending[step] = _pulls[step].MaxMsgs; // a new client: its first pull asks for the maximum
            DeliverAll(step);
        }
    }

    /// <summary>Delivers what the stream holds for <paramref name="step"/> while the client has credit and is alive.</summary>
    private void DeliverAll(int step)
    {
        var station = Steps[step];
        while (station.State != StationState.Down && !Stalled(step) && _pending[step] - station.Queued > 0 && Next(step) is { } id)
        {
            ref var message = ref _messages[id];
            message.Deliveries++;
            message.Delivered = true;
            Sim.After(AckWait(message.Deliveries), Id, AckDeadline, id, message.Deliveries);
            station.Admit(id);
        }
    }

    /// <summary>The next message the stream would deliver: still stored, and not out with the consumer.</summary>
    private int? Next(int step)
    {
        foreach (var queue in (ReadOnlySpan<Queue<int>>)[_again[step], _fresh[step]])
        {
            while (queue.Count > 0)
            {
                var id = queue.Dequeue();
                if (_messages[id].State == MessageState.Stored && !_messages[id].Delivered)
                {
                    return id;
                }
            }
        }

        return null;
    }
}
