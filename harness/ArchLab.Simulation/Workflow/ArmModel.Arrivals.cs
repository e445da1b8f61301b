using ArchLab.Harness.Model.Scenarios;
using ArchLab.Harness.Model.Semantics;

namespace ArchLab.Simulation.Workflow;

/// <summary>Open-model arrivals, by the offered rate over time the load engine sends by.</summary>
internal abstract partial class ArmModel
{
    private RateProfile? _rate;
    private double _arrivalsDue;
    private long _arrivalCount = -1;

    // Arrivals by the harness's own offered rate over time (bursts multiply where they overlap): the k-th constant
    // arrival where k are due, Poisson arrivals at unit-rate exponential steps of what is due.
    private void ScheduleArrival()
    {
        _arrivalsDue = Scenario.Load.Arrival == Arrival.Poisson ? _arrivalsDue + _arrivals.Exponential(1) : ++_arrivalCount;
        _rate ??= RateProfile.Of(Scenario, Options.Scale);
        var next = _rate.Inverse(_arrivalsDue);
        if (next < LoadEnd)
        {
            Sim.At(next, Id, NextArrival);
        }
    }
}
