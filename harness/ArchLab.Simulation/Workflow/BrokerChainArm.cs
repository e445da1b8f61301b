using ArchLab.Contracts.Workflow;
using ArchLab.Harness.Model.Scenarios;
using ArchLab.Simulation.Engine;
using ArchLab.Simulation.Queueing;

namespace ArchLab.Simulation.Workflow;

/// <summary>
/// jetstream and nats-core: the edge answers once it has published, and each step consumes a message, writes its
/// effect, publishes the next step's message and acknowledges. JetStream keeps what it stored until acknowledged:
/// ack wait and backoff redeliver, max deliveries dead-letter, max age expires, max msgs discards. Core NATS keeps
/// nothing: a message for a step that is down, or held by a process that dies, is lost. How a JetStream consumer
/// pulls (its buffer, the deliveries it takes out of the stream's reach) is in <c>BrokerChainArm.Pull.cs</c>.
/// </summary>
internal sealed partial class BrokerChainArm : ArmModel
{
    private const int AckDeadline = ModelKinds;
    private const int Redeliver = ModelKinds + 1;
    private const int Expire = ModelKinds + 2;

    private readonly bool _stream;
    private readonly JetStreamArmOptions _js;
    private readonly Table<Message> _messages = new();
    private readonly Queue<int> _streamOrder = new();
    private readonly List<int> _liveOf = [];
    private readonly List<byte> _published = [];
    private int _live;

    public BrokerChainArm(Scenario scenario, ArmSpec arm, SimulationOptions options)
        : base(scenario, arm, options)
    {
        _stream = Styles.NeedsStream(arm.Style);
        _js = arm.JetStream ?? JetStreamArmOptions.Default;
        if (_stream)
        {
            StartPulls();
        }

        if (_stream && Stages.Receivers > 1)
        {
            Notes.Add("each notify receiver holds its own copy of a message: the stream's count counts them apart");
        }
    }

    // The stream's messages wait in the arm (see the pull); a step station's queue is what the process held: a JetStream
    // client's pull buffer or a core NATS subscription's, gone with the process either way.
    protected override bool QueueSurvivesKill => false;

    protected override long? Backlog => _stream ? (Uncounted ? null : _live) : InFlight;

    protected override int Outstanding => _live + InFlight;

    // Core NATS (and inproc's channels) keep nothing a harness could find after the run: only a stream holds work.
    public override bool Pending(int order) => _stream && _liveOf[order] > 0;

    protected override void Created(int order)
    {
        _liveOf.Add(0);
        for (var s = 0; s < Stages.Count; s++)
        {
            _published.Add(0);
        }
    }

    protected override void Submit(int order)
    {
        if (Edge.State == StationState.Down)
        {
            Answer(order, false, "refused");
            return;
        }

        Edge.Admit(order);
    }

    public override bool Wanted(Station station, int job)
    {
        if (station == Edge)
        {
            return true;
        }

        if (_stream)
        {
            // In the client's buffer the message is the client's: a handler takes it whatever the stream did since.
            HandedOver(Array.IndexOf(Steps, station));
            return true;
        }

        ref var message = ref _messages[job];
        if (message.State != MessageState.Stored || message.Delivered)
        {
            return false; // lost while it waited, or already out with a subscriber
        }

        message.Deliveries++;
        message.Delivered = true;
        return true;
    }

    public override void Served(Station station, int job)
    {
        if (station == Edge)
        {
            if (Refusing || Holding)
            {
                Unpublished(job, 0, -1);
                return;
            }

            var stored = Publish(job, 0);
            Answer(job, stored, stored ? null : "status_503");
            return;
        }

        ref var message = ref _messages[job];
        var order = message.Order;
        var step = message.Step;
        message.Delivered = false;
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
            // The consumer died after its effect, before its publish and ack: to the broker the delivery is still out,
            // and it comes again when its ack wait runs out.
            message.Delivered = true;
            Dropped(station, job);
            return;
        }

        var next = step == 0 ? 1 : step == 1 ? Stages.FirstReceiver : -1;
        if (Refusing || Holding)
        {
            Unpublished(order, next, job);
            return;
        }

        if (next >= 0 && !Publish(order, next))
        {
            Failed(job); // the next step's publish was refused: not acked, so redelivered
            return;
        }

        if (message.State == MessageState.Stored)
        {
            Settle(job, MessageState.Acked);
        }
    }

    public override void Dropped(Station station, int job)
    {
        if (station == Edge)
        {
            Answer(job, false, "refused");
            return;
        }

        ref var message = ref _messages[job];
        if (!_stream && message.State == MessageState.Stored)
        {
            message.Delivered = false;
            Settle(job, MessageState.Lost);
            Orders.Mark(message.Order, OrderBook.Dropped);
        }

        // JetStream: to the broker the delivery is still out with the dead consumer; its ack wait runs out and the
        // message comes again (so Delivered stays set for the ack deadline to see).
    }

    protected override void HandleModel(int kind, int a, int b)
    {
        if (kind is PublishResumes or ConsumerResumes or StoreAnswers)
        {
            HandleFailover(kind, a);
            return;
        }

        if (kind == Deliver)
        {
            _deliverScheduled[a] = false;
            DeliverAll(a);
            return;
        }

        ref var message = ref _messages[a];
        switch (kind)
        {
            case AckDeadline when message.State == MessageState.Stored && message.Deliveries == b && message.Delivered:
                message.Delivered = false;
                Again(a);
                break;
            case Redeliver when message.State == MessageState.Stored:
                DueAgain(message.Step, a);
                break;

            case Expire when message.State == MessageState.Stored:
                Settle(a, MessageState.Expired);
                Orders.Mark(message.Order, OrderBook.Expired);
                break;
        }
    }

    /// <summary>Publishes the message(s) of <paramref name="step"/> (one per receiver for notify); false when the stream refused.</summary>
    private bool Publish(int order, int step)
    {
        var last = step == Stages.FirstReceiver ? Stages.Count : step + 1;
        if (_published[(order * Stages.Count) + step] != 0 && _js.Dedupe && _stream)
        {
            return true; // Nats-Msg-Id: the stream has it already, and acks the duplicate publish
        }

        for (var s = step; s < last; s++)
        {
            if (_stream && _js.MaxMsgs is { } max && _live >= max && !MakeRoom())
            {
                return false;
            }

            _published[(order * Stages.Count) + s] = 1;
            var id = _messages.Add(new Message { Order = order, Step = s, State = MessageState.Stored, StoredAt = Sim.Now });
            _live++;
            _liveOf[order]++;
            if (_stream)
            {
                _streamOrder.Enqueue(id);
                if (_js.MaxAge > TimeSpan.Zero)
                {
                    Sim.After(_js.MaxAge.TotalSeconds, Id, Expire, id);
                }

                AfterHop(s, id, order);
                continue;
            }
            if (Steps[s].State == StationState.Down)
            {
                // Core NATS: no subscriber, no delivery, nothing kept.
                Settle(id, MessageState.Lost);
                Orders.Mark(order, OrderBook.Dropped);
                continue;
            }

            AfterHop(s, id, order);
        }

        return true;
    }

    /// <summary>A published message reaches its step: the stream's consumer sees it stored, core NATS hands it to the subscriber.</summary>
    protected override void Arrive(int step, int job)
    {
        if (_stream)
        {
            Stored(step, job);
        }
        else
        {
            Steps[step].Admit(job);
        }
    }

    /// <summary>A full stream: discard old drops the oldest stored message; discard new refuses.</summary>
    private bool MakeRoom()
    {
        if (_js.Discard == StreamDiscard.New)
        {
            return false;
        }

        while (_streamOrder.Count > 0)
        {
            var oldest = _streamOrder.Dequeue();
            if (_messages[oldest].State == MessageState.Stored)
            {
                Settle(oldest, MessageState.Discarded);
                Orders.Mark(_messages[oldest].Order, OrderBook.Dropped);
                return true;
            }
        }

        return false;
    }

    /// <summary>A failed execution: core NATS drops it; JetStream naks it, redelivered after the backoff (or at once).</summary>
    private void Failed(int id)
    {
        ref var message = ref _messages[id];
        if (!_stream)
        {
            if (message.State == MessageState.Stored)
            {
                Settle(id, MessageState.Lost);
                Orders.Mark(message.Order, OrderBook.Dropped);
            }

            return;
        }

        if (message.State == MessageState.Stored)
        {
            Again(id, _js.Backoff.Count > 0 ? Backoff(message.Deliveries) : 0);
        }
    }

    /// <summary>Redelivers, or dead-letters when the message has had its deliveries.</summary>
    private void Again(int id, double delay = 0)
    {
        ref var message = ref _messages[id];
        if (_js.MaxDeliver is { } max && message.Deliveries >= max)
        {
            if (_js.DeadLetter)
            {
                Settle(id, MessageState.DeadLettered);
                Orders.Mark(message.Order, OrderBook.DeadLettered);
            }

            // Without a dead-letter copy the message stays in the stream, delivered no more: pending for good.
            return;
        }

        Sim.After(delay, Id, Redeliver, id);
    }
}
