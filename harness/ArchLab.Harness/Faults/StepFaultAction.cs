using ArchLab.Contracts.Hosting;
using ArchLab.Harness.Model.Scenarios;
using ArchLab.Harness.Orchestration;

namespace ArchLab.Harness.Faults;

/// <summary>Application faults of one step: set on the role's control endpoint when the window opens, cleared when it closes.</summary>
internal sealed class StepFaultAction(StepFault fault, ArmServices services, string style, uint nonce, HttpClient http) : IFaultAction
{
    public Task StartAsync(CancellationToken cancellationToken) =>
        FaultControl.SetAsync(http, services.AddressOf(fault.Step), style, fault.Step,
            new StepFaults(fault.ErrorRate, fault.Slowdown, nonce, fault.PoisonIds, fault.CrashAfterEffect), cancellationToken);

    /// <summary>Clears the faults; a role that crashed and came back has none to clear.</summary>
    public Task EndAsync(CancellationToken cancellationToken) =>
        FaultControl.ClearAsync(http, services.AddressOf(fault.Step), style, fault.Step, cancellationToken);
}
