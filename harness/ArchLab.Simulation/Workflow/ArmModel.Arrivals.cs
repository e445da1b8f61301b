using ArchLab.Harness.Model.Scenarios;
using ArchLab.Harness.Model.Semantics;

namespace ArchLab.Simulation.Workflow;

/// <summary>Open-model arrivals, by the offered rate over time the load engine sends by.</summary>
internal abstract partial class ArmModel
{
    private IEnumerator<double>? _arrivals;

    // The load engine's own schedule (its offered rate over time, its seed), so a simulated arm's orders arrive when
    // its measured twin's were sent; at a scale the rate is the scaled one.
    private void ScheduleArrival()
    {
        _arrivals ??= new ArrivalSchedule(RateProfile.Of(Scenario, Options.Scale), Scenario.Load.Arrival == Arrival.Poisson, Scenario.Seed)
            .Times().GetEnumerator();
        if (_arrivals.MoveNext() && _arrivals.Current < LoadEnd)
        {
            Sim.At(_arrivals.Current, Id, NextArrival);
        }
    }
}
