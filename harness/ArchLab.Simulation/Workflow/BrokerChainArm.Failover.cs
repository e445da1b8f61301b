using ArchLab.Harness.Model.Scenarios;
using ArchLab.Simulation.Calibration;
using ArchLab.Simulation.Engine;
using ArchLab.Simulation.Queueing;

namespace ArchLab.Simulation.Workflow;

/// <summary>
/// A JetStream stream on a cluster of nodes, when one of them fails. From the fault's start, publishing stops until
/// the stream has a leader that can store again, and each step's consumer takes no work until its client pulls from
/// that leader. A killed, stopped or paused leader of one copy (R1) is back only with its node; with three copies the
/// survivors elect a new leader when their election timer runs out, drawn between 4 and 9 s by nats-server 2.9 (its
/// raft's minimum and maximum election timeout), unless the node returns first. Meanwhile a publish is refused (no
/// responders, a 504 at the edge), and a step that finished an execution cannot publish its next message or ack: the
/// delivery stays out and comes again when its ack wait runs out. A partition of the leader depends on the node the
/// edge is connected to (one of N at random): from another node a publish meets no responders until the majority has
/// elected (R3) or the partition heals (R1); on the cut-off node itself R3's old leader keeps the publish waiting for its
/// followers and answers it at the heal, and R1's stores it out of the other nodes' consumers' reach. A consumer resumes
/// when its client notices (two missed idle heartbeats) that its pull is gone. Calibrated from a run, each outage takes
/// the measured times and the measured kind: when the arm accepted orders again, whether it refused them meanwhile, and
/// each step's first effect after that. Which node leads is not modelled: a fault on <c>broker.N</c> is taken to hit the leader.
/// </summary>
internal sealed partial class BrokerChainArm
{
    private const int PublishResumes = ModelKinds + 4;
    private const int ConsumerResumes = ModelKinds + 5;
    private const int StoreAnswers = ModelKinds + 6;

    // nats-server 2.9's raft: a follower that hears no leader for a random time in this range stands for election.
    private const double ElectionMinSec = 4;
    private const double ElectionMaxSec = 9;

    private int _refusing;
    private int _unanswered;
    private double _publishBack;
    private int _holding;
    private int[] _stalled = [];
    private readonly List<(int Order, int Step, int Job)> _held = [];
    private RandomStream? _elections;
    private RandomStream? _edgeNode;

    protected override bool ModelsBrokerNodes(out string why)
    {
        why = _stream ? "" : "only a JetStream stream's cluster is modelled";
        return _stream;
    }

    protected override void BrokerNodeFault(FaultSpec fault)
    {
        if (EveryCopyDown(fault) is { } back)
        {
            _unanswered++;
            Sim.After(back, Id, StoreAnswers);
        }

        var (publish, mode, consumers) = OutageOf(fault);
        _publishBack = publish;
        if (publish > 0 && mode != Publishing.Stored)
        {
            if (mode == Publishing.Held)
            {
                _holding++;
            }
            else
            {
                _refusing++;
            }

            Sim.After(publish, Id, PublishResumes, mode == Publishing.Held ? 1 : 0);
        }

        if (_stalled.Length == 0)
        {
            _stalled = new int[Steps.Length];
        }

        for (var s = 0; s < Steps.Length; s++)
        {
            _stalled[s]++;
            Sim.After(consumers(s), Id, ConsumerResumes, s);
        }
    }

    /// <summary>What a publish meets while the outage lasts.</summary>
    private enum Publishing
    {
        Refused,
        Held,
        /// <summary>R1's edge on the cut-off node that holds the stream: stored there, out of the consumers' reach.</summary>
        Stored,
    }

    /// <summary>Seconds from the fault's start until publishing resumes, what a publish meets until then, and when each step's consumer resumes.</summary>
    private (double Publish, Publishing Mode, Func<int, double> Consumer) OutageOf(FaultSpec fault)
    {
        var notice = (int s) => 2 * _pulls[s].IdleHeartbeat.TotalSeconds;
        if (Measured(fault) is { } measured)
        {
            return (measured.PublishResumeSec, measured.Refused ? Publishing.Refused : Publishing.Held,
                s => measured.ConsumerResumeSec.TryGetValue(Stages.Name(s), out var c) ? c : measured.PublishResumeSec + notice(s));
        }

        var length = fault.For?.TotalSeconds ?? double.PositiveInfinity;
        if (fault is PartitionFault)
        {
            // The NATS client connects the edge to one node of its list at random: the cut-off one, 1 in N.
            var edgeCutOff = (_edgeNode ??= Random("edge-node")).NextDouble() < 1.0 / Math.Max(1, Arm.Nodes);
            var (publish, mode) = (_js.Replicas > 1, edgeCutOff) switch
            {
                (true, true) => (length, Publishing.Held), // the old leader waits for its followers until the heal
                (true, false) => (Math.Min(length, Election()), Publishing.Refused), // until the majority elects
                (false, true) => (length, Publishing.Stored),
                (false, false) => (length, Publishing.Refused),
            };
            return (publish, mode, s => Math.Max(publish, mode == Publishing.Stored ? length : 0) + notice(s));
        }

        var back = fault is ProcessFault { Action: ProcessAction.Pause } ? length
            : fault is ProcessFault { Restart: false } ? double.PositiveInfinity
            : length + RestartSeconds;
        // Every node down (a site's power): no majority is left to elect until they are back.
        var outage = _js.Replicas == 1 || fault is PowerLossFault { Node: BrokerNodes.All } ? back : Math.Min(back, Election());
        return (outage, Publishing.Refused, s => outage + notice(s));
    }

    /// <summary>
    /// Seconds until the stream is counted again, where the fault takes every copy of it down (R1's node, or every
    /// node): no node answers the harness's <c>/jsz</c> with the stream meanwhile, so its timeline has no backlog
    /// there, and neither has the model's. Null where a copy still answers (R3 losing one node, a partition).
    /// </summary>
    private double? EveryCopyDown(FaultSpec fault)
    {
        var everyCopy = _js.Replicas == 1 || fault is PowerLossFault { Node: BrokerNodes.All } or ProcessFault { Process: BrokerNodes.All };
        if (!everyCopy || fault is PartitionFault)
        {
            return null;
        }

        var length = fault.For?.TotalSeconds ?? double.PositiveInfinity;
        return Measured(fault)?.BackSec ?? fault switch
        {
            ProcessFault { Action: ProcessAction.Pause } => length,
            ProcessFault { Restart: false } => double.PositiveInfinity,
            _ => length + RestartSeconds,
        };
    }

    /// <summary>The measured run's outage of this fault, where the model is calibrated from one.</summary>
    private BrokerOutage? Measured(FaultSpec fault) =>
        Calibration?.BrokerOutages.FirstOrDefault(o => Math.Abs(o.StartSec - fault.At.TotalSeconds) < 0.5);

    private double Election() => ElectionMinSec + ((ElectionMaxSec - ElectionMinSec) * (_elections ??= Random("election")).NextDouble());

    private void HandleFailover(int kind, int a)
    {
        if (kind == StoreAnswers)
        {
            _unanswered--;
            return;
        }

        if (kind == ConsumerResumes)
        {
            _stalled[a]--;
            DeliverAll(a);
            return;
        }

        if (a == 1)
        {
            _holding--;
            var held = _held.ToList();
            _held.Clear();
            foreach (var (order, step, job) in held)
            {
                Release(order, step, job);
            }
        }
        else
        {
            _refusing--;
        }
    }

    /// <summary>Whether no node counts the stream now (every copy down).</summary>
    private bool Uncounted => _unanswered > 0;

    /// <summary>Whether a publish now is refused (stream without a leader) or waits (leader cut off from its followers).</summary>
    private bool Refusing => _refusing > 0;

    private bool Holding => _holding > 0;

    private bool Stalled(int step) => _stalled.Length > 0 && _stalled[step] > 0;

    /// <summary>
    /// A publish while the stream has no leader that can store: refused at the edge; from a step, neither the publish
    /// nor the ack reaches the stream, so the delivery stays out until its ack wait runs out. While the leader is cut
    /// off, the publish waits for the heal (the step's handler with it: modelled as the message held, the worker free).
    /// </summary>
    private void Unpublished(int order, int next, int job)
    {
        if (Holding)
        {
            _held.Add((order, next, job));
        }
        else if (job < 0)
        {
            // NATS.Net's publish meets no responders, tries again, and gives up with "no response": the edge's 504.
            Answer(order, false, "status_504");
        }
        else
        {
            _messages[job].Delivered = true; // out with the consumer: its ack deadline redelivers it
        }
    }

    /// <summary>A publish that waited for the heal is stored now: the edge answers, a step acks its delivery.</summary>
    private void Release(int order, int step, int job)
    {
        var stored = step < 0 || Publish(order, step);
        if (job < 0)
        {
            Answer(order, stored, stored ? null : "status_503");
        }
        else if (_messages[job].State == MessageState.Stored)
        {
            Settle(job, MessageState.Acked);
        }
    }
}
