using ArchLab.Contracts.Workflow;
using ArchLab.Harness.Model.Scenarios;
using ArchLab.Simulation.Engine;
using ArchLab.Simulation.Queueing;

namespace ArchLab.Simulation.Workflow;

/// <summary>
/// rest, grpc, nats-request: the edge calls inventory, then payment, then the notify receivers (one after another,
/// or all at once), and answers the caller when the chain is done. Each call has a total timeout, and attempts with
/// their own timeout, retries, backoff and jitter. A killed step refuses at once; a paused one holds the call until it
/// times out. A call given up on still runs to its effect downstream: that orphan work, and the retries on top of it,
/// are how a retry storm builds.
/// </summary>
internal sealed class SyncChainArm : ArmModel
{
    private const int AttemptTimeout = ModelKinds;
    private const int CallDeadline = ModelKinds + 1;
    private const int Retry = ModelKinds + 2;

    private readonly RetryPolicy _retry;
    private readonly double _callTimeout;
    private readonly double? _attemptTimeout;
    private readonly bool _parallel;
    private readonly string _refused;
    private readonly string _timedOut;
    private readonly RandomStream _jitter;

    // Calls: one per (order, step) edge-to-step call, with its retries.
    private readonly Table<Call> _calls = new();

    // Attempts: the jobs the step stations serve.
    private readonly Table<Attempt> _attempts = new();

    // Per order: receivers still to answer (parallel fan-out) and whether the chain already failed.
    private readonly List<int> _receiversLeft = [];
    private readonly List<bool> _chainFailed = [];

    public SyncChainArm(Scenario scenario, ArmSpec arm, SimulationOptions options)
        : base(scenario, arm, options)
    {
        _retry = RetryPolicy.From(arm.Resilience.Retry);
        _callTimeout = arm.CallTimeout.TotalSeconds;
        _attemptTimeout = arm.Resilience.AttemptTimeout?.TotalSeconds;
        _parallel = options.ParallelFanOut ?? arm.FanOut == Contracts.Workflow.FanOutMode.Parallel;
        var request = arm.Style == Styles.NatsRequest;
        _refused = request ? "no_responders" : "status_503";
        _timedOut = request ? "request_timeout" : "status_504";
        _jitter = Random("jitter");
        if (arm.Resilience.CircuitBreaker is not null)
        {
            Notes.Add("the circuit breaker is not simulated: calls go on through it");
        }
    }

    protected override bool QueueSurvivesKill => false;

    protected override long? Backlog => InFlight;

    protected override int Outstanding => InFlight;

    protected override void Created(int order)
    {
        _receiversLeft.Add(Stages.Receivers);
        _chainFailed.Add(false);
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

    /// <summary>
    /// A step takes a call only while its caller still waits for it: a request whose client gave up (its attempt timed
    /// out, its call's deadline passed) is dropped while it waits for a worker, as the services do with the
    /// request-aborted token (REST, gRPC) or the requester's deadline (request-reply). One already started runs to its end.
    /// </summary>
    public override bool Wanted(Station station, int job) => station == Edge || _attempts[job].Live;

    public override void Served(Station station, int job)
    {
        if (station == Edge)
        {
            StartCall(job, 0);
            return;
        }

        ref var attempt = ref _attempts[job];
        var call = attempt.Call;
        var order = _calls[call].Order;
        var step = _calls[call].Step;
        var fails = StepFails(step, order);
        if (fails)
        {
            FailedAttempt(order, step); // written by the step whether or not anyone still waits for the answer
        }
        else if (!(Arm.Idempotent && Orders.Effects(order, step) > 0))
        {
            // The effect happens whether or not anyone still waits for the answer.
            Effect(order, step);
        }

        if (!fails && CrashesAfterEffect(step))
        {
            // The process died before answering: the caller's connection breaks, its attempt fails.
            Dropped(station, job);
            return;
        }

        if (attempt.Live)
        {
            attempt.Live = false;
            if (fails)
            {
                AttemptFailed(call, "status_500");
            }
            else
            {
                CallSucceeded(call);
            }
        }
    }

    public override void Dropped(Station station, int job)
    {
        if (station == Edge)
        {
            Answer(job, false, "refused");
            return;
        }

        ref var attempt = ref _attempts[job];
        if (attempt.Live)
        {
            attempt.Live = false;
            AttemptFailed(attempt.Call, _refused);
        }
    }

    protected override void HandleModel(int kind, int a, int b)
    {
        switch (kind)
        {
            case AttemptTimeout:
                ref var attempt = ref _attempts[a];
                if (attempt.Live)
                {
                    attempt.Live = false;
                    AttemptFailed(attempt.Call, _timedOut);
                }

                break;
            case CallDeadline:
                ref var call = ref _calls[a];
                if (call.Live)
                {
                    if (call.Attempt >= 0)
                    {
                        _attempts[call.Attempt].Live = false;
                    }

                    CallFailed(a, _timedOut);
                }

                break;
            case Retry:
                if (_calls[a].Live)
                {
                    Try(a);
                }

                break;
        }
    }

    private void StartCall(int order, int step)
    {
        if (_chainFailed[order])
        {
            return;
        }

        var id = _calls.Add(new Call { Order = order, Step = step, Live = true, Attempt = -1, Deadline = Sim.Now + _callTimeout });
        Sim.At(_calls[id].Deadline, Id, CallDeadline, id);
        Try(id);
    }

    private void Try(int callId)
    {
        ref var call = ref _calls[callId];
        call.Tries++;

        var station = Steps[call.Step];
        if (station.State == StationState.Down)
        {
            call.Attempt = -1;
            AttemptFailed(callId, _refused);
            return;
        }

        var attempt = _attempts.Add(new Attempt { Call = callId, Live = true });
        _calls[callId].Attempt = attempt;
        if (_attemptTimeout is { } timeout)
        {
            Sim.After(Math.Min(timeout, _calls[callId].Deadline - Sim.Now), Id, AttemptTimeout, attempt);
        }

        AfterHop(call.Step, attempt, call.Order);
    }

    private void AttemptFailed(int callId, string kind)
    {
        ref var call = ref _calls[callId];
        if (!call.Live)
        {
            return;
        }

        if (call.Tries < _retry.Attempts)
        {
            call.PreviousDelay = _retry.Delay(call.Tries, call.PreviousDelay, _jitter);
            if (Sim.Now + call.PreviousDelay < call.Deadline)
            {
                Sim.After(call.PreviousDelay, Id, Retry, callId);
                return;
            }
        }

        CallFailed(callId, kind);
    }

    private void CallFailed(int callId, string kind)
    {
        ref var call = ref _calls[callId];
        call.Live = false;
        _chainFailed[call.Order] = true;
        Answer(call.Order, false, kind);
    }

    private void CallSucceeded(int callId)
    {
        ref var call = ref _calls[callId];
        call.Live = false;
        var order = call.Order;
        var step = call.Step;
        if (_chainFailed[order])
        {
            return;
        }

        if (step < Stages.FirstReceiver - 1)
        {
            StartCall(order, step + 1);
        }
        else if (step == Stages.FirstReceiver - 1)
        {
            if (_parallel)
            {
                for (var r = Stages.FirstReceiver; r < Stages.Count; r++)
                {
                    StartCall(order, r);
                }
            }
            else
            {
                StartCall(order, Stages.FirstReceiver);
            }
        }
        else if (--_receiversLeft[order] == 0)
        {
            Answer(order, true, null);
        }
        else if (!_parallel)
        {
            StartCall(order, step + 1);
        }
    }

    private struct Call
    {
        public int Order;
        public int Step;
        public int Tries;
        public int Attempt;
        public bool Live;
        public double Deadline;
        public double PreviousDelay;
    }

    private struct Attempt
    {
        public int Call;
        public bool Live;
    }
}
