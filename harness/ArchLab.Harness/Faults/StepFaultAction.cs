using ArchLab.Contracts.Hosting;
using ArchLab.Harness.Model.Scenarios;
using ArchLab.Harness.Orchestration;

namespace ArchLab.Harness.Faults;

/// <summary>Application faults of one step: set on the role's control endpoint when the window opens, cleared when it closes.</summary>
internal sealed class StepFaultAction(StepFault fault, ArmServices services, string style, uint nonce, HttpClient http) : IFaultAction
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var process = services.ProcessOf(fault.Step);
        try
        {
            await FaultControl.SetAsync(http, services.AddressOf(fault.Step), style, fault.Step,
                new StepFaults(fault.ErrorRate, fault.Slowdown, nonce, fault.PoisonIds, fault.CrashAfterEffect), cancellationToken);
        }
        catch (HttpRequestException) when (fault.CrashAfterEffect)
        {
            // Under load the role can write an effect and crash before it has answered the request that armed
            // the crash: then the fault did what it was set to do. Otherwise the request really failed.
            if (await Task.WhenAny(process.Exited, Task.Delay(TimeSpan.FromSeconds(1), cancellationToken)) != process.Exited)
            {
                throw;
            }
        }
    }

    /// <summary>Clears the faults; a role that crashed and came back has none to clear.</summary>
    public Task EndAsync(CancellationToken cancellationToken) =>
        FaultControl.ClearAsync(http, services.AddressOf(fault.Step), style, fault.Step, cancellationToken);
}
