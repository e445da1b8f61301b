using ArchLab.Contracts.Workflow;
using ArchLab.Harness.Model.Results;
using ArchLab.Harness.Model.Scenarios;
using ArchLab.Simulation.Queueing;

namespace ArchLab.Simulation.Workflow;

/// <summary>The fault timeline: each fault starts and ends as an event at the scenario's times.</summary>
internal abstract partial class ArmModel
{
    private const int FaultStart = 4;
    private const int FaultEnd = 5;
    private const int RestartDone = 7;

    private readonly List<FaultWindow> _windows = [];
    private readonly Dictionary<int, int> _windowOf = [];
    private readonly List<string> _notes = [];

    public IReadOnlyList<FaultWindow> Windows => _windows;

    public List<string> Notes => _notes;

    private void ScheduleFaults()
    {
        for (var i = 0; i < Scenario.Faults.Count; i++)
        {
            var fault = Scenario.Faults[i];
            var start = MeasureStart + fault.At.TotalSeconds;
            var end = fault.For is { } length ? start + length.TotalSeconds : (double?)null;
            if (!Simulates(fault, out var why))
            {
                _notes.Add($"{fault.Kind} {fault.Target} at {fault.At.TotalSeconds:0.###}s is not simulated: {why}");
                continue;
            }

            _windowOf[i] = _windows.Count;
            _windows.Add(new FaultWindow(fault.Kind, fault.Target, fault.At.TotalSeconds, end - MeasureStart));
            Sim.At(start, Id, FaultStart, i);
            if (end is { } e)
            {
                Sim.At(e, Id, FaultEnd, i);
            }
        }
    }

    private bool Simulates(FaultSpec fault, out string why)
    {
        why = fault switch
        {
            NetworkFault => "network faults act on real connections; the simulator has no links",
            PowerLossFault { Node: "broker" } => "the broker is not modelled as a process that can fail",
            PowerLossFault => ModelsBrokerNodes(out var no) ? "" : no,
            ProcessFault { Process: "broker" } => "the broker is not modelled as a process that can fail",
            ProcessFault p when BrokerNodes.IsNode(p.Process) => ModelsBrokerNodes(out var no) ? "" : no,
            PartitionFault => ModelsBrokerNodes(out var no) ? "" : no,
            ProcessFault p when Stations(p.Process).Count == 0 => $"no role named {p.Process}",
            _ => "",
        };
        return why.Length == 0;
    }

    private void HandleFault(int kind, int index)
    {
        var fault = Scenario.Faults[index];
        switch (fault)
        {
            case BurstFault:
                break; // part of the offered rate over time, which arrivals follow already
            case StepFault step:
                for (var s = 0; s < Stages.Count; s++)
                {
                    if (Stages.Targets(step.Step, s))
                    {
                        var on = kind == FaultStart;
                        StepFaults[s].ErrorRate = on ? step.ErrorRate : 0;
                        StepFaults[s].Poison = on && step.PoisonIds is { } ids ? [.. ids] : [];
                        StepFaults[s].CrashArmed = on && step.CrashAfterEffect;
                        Steps[s].Slowdown = on ? step.Slowdown : 1;
                    }
                }

                break;
            case ProcessFault or PartitionFault when BrokerNodes.IsNode(fault.Target):
                if (kind == FaultStart)
                {
                    BrokerNodeFault(fault);
                }

                break;
            case PowerLossFault power:
                if (kind == FaultStart)
                {
                    BrokerNodeFault(fault);
                    var (messages, streamGone) = PowerLoss(power);
                    var window = _windowOf[index];
                    // The simulator's account: each message lost is one write of its body; the stream's definition one name.
                    _windows[window] = _windows[window] with
                    {
                        PowerLoss = new PowerLossFigures(messages * Scenario.Workflow.Payload.Bytes, messages, streamGone ? 1 : 0, 0, [])
                        {
                            CacheKept = Arm.JetStream?.PowerLossKeepsCache == true,
                        },
                    };
                }

                break;
            case ProcessFault process:
                foreach (var station in Stations(process.Process))
                {
                    Process(kind, process, station);
                }

                break;
        }
    }

    private void Process(int kind, ProcessFault fault, Station station)
    {
        if (kind == FaultStart)
        {
            if (fault.Action == ProcessAction.Pause)
            {
                station.Pause();
            }
            else
            {
                Kill(station);
            }
        }
        else if (kind == FaultEnd)
        {
            if (fault.Action == ProcessAction.Pause)
            {
                station.Resume();
            }
            else if (fault.Restart)
            {
                Restart(station);
            }
        }
    }

    /// <summary>A role's process dies: what it held is gone, and its queue too unless a broker keeps it.</summary>
    private void Kill(Station station) => station.Kill(dropQueue: station == Edge || !QueueSurvivesKill);

    /// <summary>A restarted process serves again after it has started: the station stays down meanwhile.</summary>
    private void Restart(Station station) => Sim.After(RestartSeconds, Id, RestartDone, 0, StationIndex(station));

    private List<Station> Stations(string role)
    {
        if (role == Roles.Edge)
        {
            return [Edge];
        }

        var stations = new List<Station>();
        for (var s = 0; s < Stages.Count; s++)
        {
            if (Stages.Targets(role, s))
            {
                stations.Add(Steps[s]);
            }
        }

        return stations;
    }

    /// <summary>
    /// Whether the effect just written ends the step's process: a crash after the effect, armed by a step fault, takes
    /// the first effect after the fault starts. The process dies as a kill would have it (what it held is gone; what
    /// waited in a broker stays), the harness's supervisor starts it again, and it serves after the restart delay. The
    /// execution that wrote the effect never answers or acks: the caller sees it fail, the broker delivers it again.
    /// </summary>
    protected bool CrashesAfterEffect(int step)
    {
        var faults = StepFaults[step];
        if (!faults.CrashArmed)
        {
            return false;
        }

        faults.CrashArmed = false;
        Kill(Steps[step]);
        Restart(Steps[step]);
        _windows.Add(new FaultWindow("crash", Stages.Name(step), Sim.Now - MeasureStart, Sim.Now + RestartSeconds - MeasureStart));
        return true;
    }

    /// <summary>Whether the arm models a broker cluster whose nodes fail; <paramref name="why"/> says why not.</summary>
    protected virtual bool ModelsBrokerNodes(out string why)
    {
        why = "only a JetStream stream's cluster is modelled";
        return false;
    }

    /// <summary>A fault on a broker cluster's node starts: the arm schedules the outage's ends itself.</summary>
    protected virtual void BrokerNodeFault(FaultSpec fault)
    {
    }

    /// <summary>A power loss of broker nodes: the arm drops what their stores had not made durable.</summary>
    /// <returns>Messages the stream lost, and whether its definition went too.</returns>
    protected virtual (long Messages, bool StreamGone) PowerLoss(PowerLossFault fault) => (0, false);

    /// <summary>A killed role's new process serves again: step index, or -1 for the edge.</summary>
    protected virtual void Restarted(int step)
    {
    }

    private int StationIndex(Station station) => station == Edge ? -1 : Array.IndexOf(Steps, station);
}
