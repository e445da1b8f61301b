using ArchLab.Contracts.Workflow;
using ArchLab.Harness.Model.Scenarios;
using ArchLab.Harness.Model.Semantics;
using ArchLab.Simulation.Engine;
using ArchLab.Simulation.Queueing;
using ArchLab.Simulation.Recording;

namespace ArchLab.Simulation.Workflow;

/// <summary>
/// What every simulated arm shares: the caller (open or closed load, in-flight bound, caller timeout), the edge
/// and one station per step, the fault timeline, the timeline's ticks and the books. A style decides, in a subclass,
/// who waits for whom and what is kept when a station is down. Times are seconds from the start of the warm-up.
/// </summary>
internal abstract partial class ArmModel : IEventHandler, IStationClient
{
    private const int NextArrival = 1;
    private const int CallerTimeout = 2;
    private const int Tick = 3;
    private const int NextUser = 6;
    private const int SampleBacklog = 8;
    private const int HopDone = 9;
    private const int SentLate = 10;

    /// <summary>Event kinds from this value on belong to the subclass.</summary>
    protected const int ModelKinds = 100;

    private readonly List<int> _userOf = [];
    private int _ticks;
    private ServiceDraws? _answerDraws;
    private readonly (ServiceSampler Sampler, ServiceDraws Draws)?[] _hops;
    private readonly OrderJourneys? _journeys;
    private IUniformSource?[]? _failureDraws;
    private long? _sampledBacklog;

    protected ArmModel(Scenario scenario, ArmSpec arm, SimulationOptions options)
    {
        Scenario = scenario;
        Arm = arm;
        Options = options;
        Stages = new Stages(options.Receivers ?? scenario.ReceiversOf(arm));
        Orders = new OrderBook(Stages.Count);
        Id = Sim.Register(this);
        Seed = scenario.Seed;
        Grid = TimelineGrid.For(scenario.Load.Duration);
        Recorder = new ArmRecorder(Grid);
        MeasureStart = scenario.Load.Warmup.TotalSeconds;
        LoadEnd = MeasureStart + scenario.Load.Duration.TotalSeconds;
        Edge = NewStation(Roles.Edge, Roles.Edge);
        Steps = new Station[Stages.Count];
        StepFaults = new StepFaultState[Stages.Count];
        for (var s = 0; s < Stages.Count; s++)
        {
            Steps[s] = NewStation(Stages.Name(s), Stages.Role(s));
            StepFaults[s] = new StepFaultState();
        }

        // Each step's calibrated hop, resolved once rather than looked up by name for every job.
        _hops = [.. Enumerable.Range(0, Stages.Count).Select(s => Calibration?.Hops.GetValueOrDefault(Stages.Name(s)) is { } hop
            ? ((ServiceSampler, ServiceDraws)?)(hop, ServiceDraws.Of(Random($"hop/{Stages.Name(s)}")))
            : null)];
        _journeys = Calibration?.Journeys is { Count: > 0 } journeys ? new OrderJourneys(journeys, Stages, Random("journey")) : null;
    }

    public Simulator Sim { get; } = new();

    public ArmRecorder Recorder { get; }

    /// <summary>The timeline's intervals, the harness's for the same scenario.</summary>
    public TimelineGrid Grid { get; }

    protected Scenario Scenario { get; }

    /// <summary>This arm's measured figures, if the run was calibrated and the measured run had the arm.</summary>
    protected Calibration.ArmCalibration? Calibration => Options.Calibration.GetValueOrDefault(Arm.Name);

    /// <summary>Seconds a restarted role takes to serve: measured for this arm when calibrated.</summary>
    protected double RestartSeconds => Calibration?.RestartSeconds ?? Options.RestartSeconds;

    protected ArmSpec Arm { get; }

    protected SimulationOptions Options { get; }

    protected Stages Stages { get; }

    protected OrderBook Orders { get; }

    protected int Id { get; }

    protected long Seed { get; }

    protected double MeasureStart { get; }

    protected double LoadEnd { get; }

    protected Station Edge { get; }

    protected Station[] Steps { get; }

    internal StepFaultState[] StepFaults { get; }

    /// <summary>Requests the caller has sent and not had an answer to.</summary>
    protected int InFlight { get; private set; }

    /// <summary>Whether a killed step's queue survives (a broker's stream) or dies with the process.</summary>
    protected abstract bool QueueSurvivesKill { get; }

    /// <summary>What the timeline calls backlog: messages stored by the broker, or requests in flight.</summary>
    protected abstract long? Backlog { get; }

    /// <summary>Work accepted and not yet settled: the drain waits for it to reach zero.</summary>
    protected abstract int Outstanding { get; }

    /// <summary>The caller made <paramref name="order"/> (orders are made in their numbers' order): its books open.</summary>
    protected abstract void Created(int order);

    /// <summary>The caller's <paramref name="order"/> reaches the edge (a calibrated caller sends late, so not always in order).</summary>
    protected abstract void Submit(int order);

    protected abstract void HandleModel(int kind, int a, int b);

    public abstract void Served(Station station, int job);

    public abstract void Dropped(Station station, int job);

    public virtual bool Wanted(Station station, int job) => true;

    /// <summary>Whether an unfinished order still has work the broker keeps (pending rather than lost).</summary>
    public virtual bool Pending(int order) => false;

    /// <summary>Little's law at the edge and at every step's station.</summary>
    public IEnumerable<LittleLaw> Nodes() => [Edge.Little(), .. Steps.Select(s => s.Little())];

    public bool Measured(int order)
    {
        var t = Orders.Intended(order);
        return t >= MeasureStart && t < LoadEnd;
    }

    public void Handle(int kind, int a, int b)
    {
        switch (kind)
        {
            case NextArrival:
                Send(-1);
                ScheduleArrival();
                break;
            case NextUser:
                Send(a);
                break;
            case CallerTimeout:
                Answer(a, false, "timeout");
                break;
            case Tick:
                Recorder.CloseInterval(_ticks++, _sampledBacklog);
                Sim.At(TickTime(_ticks), Id, Tick);
                break;
            case SampleBacklog:
                _sampledBacklog = Backlog;
                Sim.At(TickTime(_ticks) + BacklogPhase, Id, SampleBacklog);
                break;
            case FaultStart or FaultEnd:
                HandleFault(kind, a);
                break;
            case HopDone:
                Arrive(a, b);
                break;
            case SentLate:
                Submit(a);
                break;
            case RestartDone:
                (b < 0 ? Edge : Steps[b]).Resume();
                Restarted(b);
                break;
            default:
                HandleModel(kind, a, b);
                break;
        }
    }

    /// <summary>Runs the load, then the drain; returns the drain's length and whether it hit the scenario's limit.</summary>
    public (double Seconds, bool TimedOut) Run()
    {
        var load = Scenario.Load;
        ScheduleFaults();
        Sim.At(TickTime(0), Id, Tick);
        Sim.At(MeasureStart + BacklogPhase, Id, SampleBacklog);
        if (load.Model == LoadModel.Open)
        {
            ScheduleArrival();
        }
        else
        {
            var users = Math.Max(1, (int)Math.Round(load.Users * Options.Scale));
            for (var u = 0; u < users; u++)
            {
                Sim.At(0, Id, NextUser, u);
            }
        }

        Sim.RunUntil(LoadEnd);
        var limit = LoadEnd + load.Drain.TotalSeconds;
        Sim.RunWhile(() => Outstanding > 0, limit);
        var timedOut = Outstanding > 0;
        var end = timedOut ? limit : Sim.Now;
        // Close the intervals the drain reached, and a second more: the harness's timeline runs on through its drain,
        // and its samplers see the settled state after it.
        while (TickTime(_ticks - 1) < end + 1)
        {
            Sim.RunUntil(TickTime(_ticks));
        }

        return (Math.Max(0, end - LoadEnd), timedOut);
    }

    /// <summary>The caller's answer: accepted, or an error of <paramref name="kind"/>. Late answers (after a caller timeout) are ignored.</summary>
    protected void Answer(int order, bool accepted, string? kind)
    {
        if (Orders.Caller(order) != CallerView.Waiting)
        {
            return;
        }

        InFlight--;
        // A calibrated arm's caller has its answer the way back later; the order's own progress is at the edge's answer.
        var now = Sim.Now;
        var answered = !accepted ? now
            : _journeys?.Back(order) is { } way ? now + way
            : Calibration?.AnswerHop is { } back ? now + back.Next(_answerDraws ??= ServiceDraws.Of(Random("answer")))
            : now;
        var measured = Measured(order);
        Orders.SetCaller(order, accepted ? CallerView.Accepted : CallerView.Failed);
        if (accepted)
        {
            Orders.Progress(order, now);
            Orders.SetAnswered(order, answered);
        }

        // The timeline, like the harness's, counts the measured orders only.
        if (measured && accepted)
        {
            Recorder.Accepted(answered - MeasureStart, answered - Orders.Intended(order));
        }
        else if (measured)
        {
            Recorder.Error(now - MeasureStart, kind ?? "failed");
        }

        if (Scenario.Load.Model == LoadModel.Closed && answered + Scenario.Load.Think.TotalSeconds < LoadEnd)
        {
            Sim.After(answered - now + Scenario.Load.Think.TotalSeconds, Id, NextUser, _userOf[order]);
        }
    }

    /// <summary>Writes a step's effect (the order's completion, when it was its last missing one).</summary>
    protected void Effect(int order, int step) => Orders.Effect(order, step, Sim.Now);

    /// <summary>A step ran for the order and failed: a failed attempt in its ledger.</summary>
    protected void FailedAttempt(int order, int step) => Orders.Failed(order, step, Sim.Now);

    /// <summary>Whether an execution of <paramref name="step"/> for <paramref name="order"/> fails (error rate, poison).</summary>
    /// <remarks>The draw comes from the step's own failure stream, the one its service draws from, in execution order.</remarks>
    protected bool StepFails(int step, int order)
    {
        var faults = StepFaults[step];
        if (faults.Poison.Contains(order))
        {
            return true;
        }

        if (faults.ErrorRate <= 0)
        {
            return false;
        }

        _failureDraws ??= new IUniformSource[Stages.Count];
        var draws = _failureDraws[step] ??= new SystemRandomSource(DrawSeeds.Failures(Scenario.SeedOf(Stages.Name(step))));
        return draws.NextDouble() < faults.ErrorRate;
    }

    protected RandomStream Random(string component) => new(Seed, $"{Arm.Name}/{component}");

    /// <summary>
    /// Hands <paramref name="job"/> to <paramref name="step"/> once it has travelled there from the previous step: the
    /// calibrated hop, which no worker spends, or at once when the arm is not calibrated (the scenario's steps cost only
    /// their service time).
    /// </summary>
    protected void AfterHop(int step, int job, int order)
    {
        if (_journeys?.Hop(order, step) is { } way)
        {
            Sim.After(way, Id, HopDone, step, job);
        }
        else if (_hops[step] is { } hop)
        {
            Sim.After(hop.Sampler.Next(hop.Draws), Id, HopDone, step, job);
        }
        else
        {
            Arrive(step, job);
        }
    }

    /// <summary>At the edge, a calibrated order takes its own measured order's way in.</summary>
    public double? ServiceOf(Station station, int job) => station == Edge ? _journeys?.In(job) : null;

    /// <summary>The job has reached its step: by default it joins the step's queue.</summary>
    protected virtual void Arrive(int step, int job) => Steps[step].Admit(job);

    private Station NewStation(string name, string role)
    {
        var cost = Scenario.CostOf(Arm, role);
        // A calibrated time was measured with its tail in it; the scenario's tail is added to the scenario's time only.
        var sampler = Calibration?.ServiceTimes.GetValueOrDefault(name) ?? ServiceSampler.From(cost.Time).WithTail(cost.Tail);
        var workers = cost.Workers == 0 ? 0 : Math.Max(1, (int)Math.Round(cost.Workers * Options.Scale));
        // The role's own generator, as its service draws from: the simulated step takes the measured step's times.
        return new Station(Sim, name, workers, sampler, ServiceDraws.AsService(Scenario.SeedOf(name)), this, askBeforeStart: true)
        {
            Hold = Calibration?.Holds.GetValueOrDefault(name) ?? 0,
        };
    }

    private void Send(int user)
    {
        var now = Sim.Now;
        var order = Orders.Add(now);
        _userOf.Add(user);
        _journeys?.Draw(order);
        Created(order);
        var measured = Measured(order);
        if (measured)
        {
            Recorder.Offered(now - MeasureStart);
        }

        var load = Scenario.Load;
        var bound = Math.Max(1, (int)Math.Round(load.MaxInFlight * Options.Scale));
        if (InFlight >= bound)
        {
            // The generator's own refusal, counted apart from errors as the harness does.
            Orders.SetCaller(order, CallerView.Dropped);
            if (measured)
            {
                GeneratorDrops++;
            }

            return;
        }

        InFlight++;
        Sim.After(load.Timeout.TotalSeconds, Id, CallerTimeout, order);
        // A calibrated caller is as late as the measured one was: a corrected latency counts from the intended time.
        if (_journeys?.Send(order) is > 0 and var late)
        {
            Sim.After(late, Id, SentLate, order);
        }
        else
        {
            Submit(order);
        }
    }

    /// <summary>Orders the generator could not send (in-flight bound reached), measured window only.</summary>
    public long GeneratorDrops { get; private set; }

    /// <summary>When interval <paramref name="index"/> ends, in the simulator's time.</summary>
    private double TickTime(int index) => MeasureStart + Grid.StartOf(index + 1);

    /// <summary>
    /// When in its interval the backlog is read. The harness reads the broker every <see cref="TimelineGrid.BacklogSamplePeriod"/>
    /// and keeps an interval's last answer, which comes within the last period of the interval; the simulator reads
    /// at the middle of that span so a drain is counted in the interval the harness would count it in.
    /// </summary>
    private double BacklogPhase => Grid.IntervalSec - (Grid.BacklogSamplePeriod.TotalSeconds / 2);
}
