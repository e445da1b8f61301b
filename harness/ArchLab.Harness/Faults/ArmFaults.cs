using ArchLab.Harness.Broker;
using ArchLab.Harness.Model.Scenarios;
using ArchLab.Harness.Orchestration;
using ArchLab.Harness.Samplers;
using ArchLab.Load;

namespace ArchLab.Harness.Faults;

/// <summary>Turns the scenario's fault timeline into actions against one arm's processes, broker and load.</summary>
public static class ArmFaults
{
    /// <summary>Bursts are part of the load schedule: the engine multiplies its rate in their windows.</summary>
    public static IReadOnlyList<RateWindow> Bursts(Scenario scenario) =>
        scenario.Faults.OfType<BurstFault>()
            .Select(b => new RateWindow(b.At, b.For ?? scenario.Load.Duration - b.At, b.Factor))
            .ToList();

    /// <summary>Checks before anything starts that the arm can take every fault of the timeline.</summary>
    public static void Validate(Scenario scenario, ArmSpec arm, IBroker? broker)
    {
        foreach (var fault in scenario.Faults)
        {
            switch (fault)
            {
                case ProcessFault { Process: "broker" } when broker is null:
                    throw new NotSupportedException($"arm {arm.Name} ({arm.Style}) has no broker to {fault.Kind}");
                case ProcessFault { Process: "broker" } when broker is not LocalNatsServer:
                    throw new NotSupportedException($"arm {arm.Name}: broker faults need a nats-server started by the harness, not a {broker.Kind} one");
                case NetworkFault:
                    throw new NotSupportedException($"arm {arm.Name}: network faults need the TCP fault proxy, which this version does not route yet");
            }
        }
    }

    public static IReadOnlyList<ScheduledFault> Schedule(
        Scenario scenario, ArmSpec arm, ArmServices services, IBroker? broker, ResourceSampler resources, uint nonce, HttpClient control) =>
        scenario.Faults.Select(fault => new ScheduledFault(fault, fault switch
        {
            ProcessFault process => new ProcessFaultAction(process, services, broker as LocalNatsServer, resources),
            StepFault step => new StepFaultAction(step, services, arm.Style, nonce, control),
            _ => (IFaultAction?)null,
        })).ToList();
}
