using System.Net.Http.Json;
using ArchLab.Contracts.Hosting;
using ArchLab.Harness.Model.Scenarios;
using ArchLab.Harness.Orchestration;

namespace ArchLab.Harness.Faults;

/// <summary>Application faults of one step: set on the role's control endpoint when the window opens, cleared when it closes.</summary>
internal sealed class StepFaultAction(StepFault fault, ArmServices services, uint nonce, HttpClient http) : IFaultAction
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var faults = new StepFaults(fault.ErrorRate, fault.Slowdown, nonce, fault.PoisonIds, fault.CrashAfterEffect);
        using var response = await http.PutAsJsonAsync(Control, faults, HostingJsonContext.Default.StepFaults, cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    public async Task EndAsync(CancellationToken cancellationToken)
    {
        using var response = await http.DeleteAsync(Control, cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    private Uri Control => new(services.AddressOf(fault.Step), StepFaults.Path);
}
