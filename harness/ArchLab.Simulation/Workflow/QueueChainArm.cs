using ArchLab.Contracts.Hosting;
using ArchLab.Harness.Model.Scenarios;
using ArchLab.Simulation.Queueing;

namespace ArchLab.Simulation.Workflow;

/// <summary>
/// rabbitmq: the edge answers once the broker confirmed its publish, and each step consumes its own queue, writes its
/// effect, publishes the next step's message and acknowledges. What differs from a stream, as RabbitMQ 3.10 does it:
/// <list type="bullet">
/// <item>The broker pushes a step's messages while the consumer holds fewer unacknowledged than its prefetch; a credit
/// comes back with each acknowledgement, not when a handler takes the message (a JetStream pull refills at handover).</item>
/// <item>A delivered message is the consumer's until acknowledged: no ack wait. When the consumer's process dies its
/// channel closes and every message it held goes back to the head of the queue at once, counted as a delivery.</item>
/// <item>The TTL (<c>x-message-ttl</c>) expires messages waiting in the queue, at its head: with one TTL for the whole
/// queue the head is always the oldest, so a message expires at its TTL unless a consumer holds it; a message that
/// comes back past its TTL expires as it reaches the head. A held message never expires (a stream's max age removes
/// the stored copy of a pulled one, and the client still processes it: the same outcome).</item>
/// <item>A failed delivery is requeued at the head at once (nack), and the quorum queue's delivery limit dead-letters
/// it after <c>maxDeliver</c> deliveries; with retry queues it waits its backoff there and comes back at the tail.</item>
/// <item><c>maxMsgs</c> counts the messages waiting (not the held ones): drop-head discards the oldest, reject-publish
/// refuses the publish.</item>
/// </list>
/// </summary>
internal sealed class QueueChainArm : ArmModel
{
    private const int Expire = ModelKinds;
    private const int RetryDue = ModelKinds + 1;

    private readonly RabbitArmOptions _rabbit;
    private readonly Table<Message> _messages = new();
    private readonly LinkedList<int>[] _ready;
    private readonly int[] _readyCount;
    private readonly int[] _unacked;
    private readonly int[] _prefetch;
    private readonly List<int> _liveOf = [];
    private int _live;
    private int _retrying;

    public QueueChainArm(Scenario scenario, ArmSpec arm, SimulationOptions options)
        : base(scenario, arm, options)
    {
        _rabbit = arm.RabbitMq ?? RabbitArmOptions.Default;
        _ready = [.. Steps.Select(_ => new LinkedList<int>())];
        _readyCount = new int[Steps.Length];
        _unacked = new int[Steps.Length];
        // The consumer's prefetch, as the service sets it: the arm's, else the step's handlers.
        _prefetch = [.. Steps.Select(s => _rabbit.Prefetch ?? ServiceOptions.HandlersFor(s.Servers))];
    }

    // The station's queue is the client's buffer of delivered messages: it dies with the process, and the broker
    // takes those messages back (Dropped).
    protected override bool QueueSurvivesKill => false;

    /// <summary>
    /// What the harness reads as the backlog (a passive declare of each queue): the messages waiting in the steps' queues
    /// and their retry queues; not those the consumers hold unacknowledged, nor those still on their way to a queue.
    /// </summary>
    protected override long? Backlog => _readyCount.Sum() + _retrying;

    protected override int Outstanding => _live + InFlight;

    public override bool Pending(int order) => _liveOf[order] > 0;

    protected override void Created(int order) => _liveOf.Add(0);

    protected override void Submit(int order)
    {
        if (Edge.State == StationState.Down)
        {
            Answer(order, false, "refused");
            return;
        }

        Edge.Admit(order);
    }

    public override void Served(Station station, int job)
    {
        if (station == Edge)
        {
            var confirmed = Publish(job, 0);
            Answer(job, confirmed, confirmed ? null : "status_502"); // nacked: the edge's downstream error
            return;
        }

        ref var message = ref _messages[job];
        var order = message.Order;
        var step = message.Step;
        if (StepFails(step, order))
        {
            FailedAttempt(order, step);
            Failed(job);
            return;
        }

        if (!(Arm.Idempotent && Orders.Effects(order, step) > 0))
        {
            Effect(order, step);
        }

        if (CrashesAfterEffect(step))
        {
            Returned(job); // its channel closed with the process: the broker has it back
            return;
        }

        var next = step == 0 ? 1 : step == 1 ? Stages.FirstReceiver : -1;
        if (next >= 0 && !Publish(order, next))
        {
            Requeue(job); // the next publish was refused: nacked, so delivered again
            return;
        }

        Settle(job, MessageState.Acked);
        Credit(step);
    }

    public override void Dropped(Station station, int job)
    {
        if (station == Edge)
        {
            Answer(job, false, "refused");
            return;
        }

        Returned(job);
    }

    protected override void Restarted(int step)
    {
        if (step >= 0)
        {
            DeliverAll(step);
        }
    }

    protected override void HandleModel(int kind, int a, int b)
    {
        ref var message = ref _messages[a];
        switch (kind)
        {
            case Expire when message is { State: MessageState.Stored, Waiting: true } && message.Entries == b:
                ExpireWaiting(a);
                break;
            case RetryDue when message.State == MessageState.Stored:
                _retrying--;
                Enqueue(a, atHead: false);
                DeliverAll(message.Step);
                break;
        }
    }

    /// <summary>Publishes the message(s) of <paramref name="step"/> (one per receiver's queue); false when a full queue refused it.</summary>
    private bool Publish(int order, int step)
    {
        var last = step == Stages.FirstReceiver ? Stages.Count : step + 1;
        for (var s = step; s < last; s++)
        {
            if (_rabbit.MaxMsgs is { } max && _readyCount[s] >= max && !MakeRoom(s))
            {
                return false;
            }

            var id = _messages.Add(new Message { Order = order, Step = s, State = MessageState.Stored });
            _live++;
            _liveOf[order]++;
            AfterHop(s, id, order);
        }

        return true;
    }

    /// <summary>The message reaches its queue's tail (after the publish's hop) and waits for a consumer's credit.</summary>
    protected override void Arrive(int step, int job)
    {
        Enqueue(job, atHead: false);
        DeliverAll(step);
    }

    private void Enqueue(int id, bool atHead)
    {
        ref var message = ref _messages[id];
        message.Waiting = true;
        _readyCount[message.Step]++;
        if (atHead)
        {
            // Back at the head with the time it first entered: past its TTL, it expires as it gets there.
            _ready[message.Step].AddFirst(id);
            if (_rabbit.MaxAge > TimeSpan.Zero && Sim.Now >= message.EnqueuedAt + _rabbit.MaxAge.TotalSeconds)
            {
                ExpireWaiting(id);
            }

            return;
        }

        message.EnqueuedAt = Sim.Now;
        message.Entries++;
        _ready[message.Step].AddLast(id);
        if (_rabbit.MaxAge > TimeSpan.Zero)
        {
            // Its TTL from this entry: one from an earlier entry (before a retry queue) no longer applies.
            Sim.After(_rabbit.MaxAge.TotalSeconds, Id, Expire, id, message.Entries);
        }
    }

    /// <summary>Delivers waiting messages while the consumer is alive and holds fewer unacknowledged than its prefetch.</summary>
    private void DeliverAll(int step)
    {
        var station = Steps[step];
        var ready = _ready[step];
        while (station.State != StationState.Down && _unacked[step] < _prefetch[step] && ready.First is { } head)
        {
            ready.RemoveFirst();
            ref var message = ref _messages[head.Value];
            if (message is not { State: MessageState.Stored, Waiting: true })
            {
                continue; // expired or discarded while it waited
            }

            message.Waiting = false;
            _readyCount[step]--;
            message.Deliveries++;
            _unacked[step]++;
            station.Admit(head.Value);
        }
    }

    /// <summary>An acknowledgement (or a reject) frees a credit: the broker pushes the next waiting message.</summary>
    private void Credit(int step)
    {
        _unacked[step]--;
        DeliverAll(step);
    }

    /// <summary>A failed execution: to its retry queue, or requeued at once; out of deliveries, dead-lettered.</summary>
    private void Failed(int id)
    {
        ref var message = ref _messages[id];
        var step = message.Step;
        if (_rabbit.Backoff.Count == 0)
        {
            Requeue(id);
            return;
        }

        if (_rabbit.MaxDeliver is { } max && message.Deliveries >= max)
        {
            DeadLetter(id);
            Credit(step);
            return;
        }

        // Published to the retry queue, then acknowledged: it waits out its delay there and comes back at the tail.
        var delay = _rabbit.Backoff[Math.Min(message.Deliveries, _rabbit.Backoff.Count) - 1].TotalSeconds;
        _retrying++;
        Sim.After(delay, Id, RetryDue, id);
        Credit(step);
    }

    /// <summary>A nack with requeue: back to the head, unless the quorum queue's delivery limit is reached.</summary>
    private void Requeue(int id)
    {
        var step = _messages[id].Step;
        Returned(id);
        Credit(step);
    }

    /// <summary>
    /// A delivered message the consumer gave back or lost with its process: to the head of the queue, or dead-lettered
    /// past the delivery limit (a return counts as a delivery). Does not free the credit: the caller does, or the
    /// consumer is gone with its credits.
    /// </summary>
    private void Returned(int id)
    {
        ref var message = ref _messages[id];
        if (message.State != MessageState.Stored)
        {
            return;
        }

        if (_rabbit.MaxDeliver is { } max && message.Deliveries >= max)
        {
            DeadLetter(id);
            return;
        }

        Enqueue(id, atHead: true);
        if (Steps[message.Step].State == StationState.Down)
        {
            _unacked[message.Step] = 0; // the dead consumer's channel closed: its credits went with it
        }
    }

    private void DeadLetter(int id)
    {
        ref var message = ref _messages[id];
        Settle(id, _rabbit.DeadLetter ? MessageState.DeadLettered : MessageState.Discarded);
        Orders.Mark(message.Order, _rabbit.DeadLetter ? OrderBook.DeadLettered : OrderBook.Dropped);
    }

    private void ExpireWaiting(int id)
    {
        ref var message = ref _messages[id];
        message.Waiting = false;
        _readyCount[message.Step]--;
        Settle(id, MessageState.Expired);
        Orders.Mark(message.Order, OrderBook.Expired);
    }

    /// <summary>A full queue: drop-head discards the oldest waiting message; reject-publish refuses.</summary>
    private bool MakeRoom(int step)
    {
        if (_rabbit.Discard == StreamDiscard.New)
        {
            return false;
        }

        while (_ready[step].First is { } head)
        {
            _ready[step].RemoveFirst();
            ref var oldest = ref _messages[head.Value];
            if (oldest is { State: MessageState.Stored, Waiting: true })
            {
                oldest.Waiting = false;
                _readyCount[step]--;
                Settle(head.Value, MessageState.Discarded);
                Orders.Mark(oldest.Order, OrderBook.Dropped);
                return true;
            }
        }

        return false;
    }

    private void Settle(int id, MessageState state)
    {
        ref var message = ref _messages[id];
        message.State = state;
        _live--;
        _liveOf[message.Order]--;
    }

    private enum MessageState : byte
    {
        Stored,
        Acked,
        Expired,
        DeadLettered,
        Discarded,
    }

    private struct Message
    {
        public int Order;
        public int Step;
        public int Deliveries;
        public MessageState State;

        /// <summary>In the queue, waiting for a consumer (not held by one, not in a retry queue).</summary>
        public bool Waiting;

        /// <summary>When it entered the queue (its TTL runs from here), simulated seconds.</summary>
        public double EnqueuedAt;

        /// <summary>How many times it entered the queue at its tail (published, or back from a retry queue).</summary>
        public int Entries;
    }
}
