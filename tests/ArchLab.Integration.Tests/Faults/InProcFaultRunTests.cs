using ArchLab.Harness.Model.Results;
using ArchLab.Harness.Model.Scenarios.Loading;
using ArchLab.Integration.Tests.Fixtures;

namespace ArchLab.Integration.Tests.Faults;

/// <summary>
/// The fault timeline against an inproc arm: a step fault reaches the one role it names through the one process's
/// control endpoint, and a process fault on a role hits every role, which the results say instead of hiding.
/// </summary>
[Collection(ArmProcesses.Name)]
public sealed class InProcFaultRunTests
{
    private static string Scenario(string faults) => $$"""
        name: inproc-faults
        title: faults in one process
        claim: c
        watch: w
        seed: 5
        workflow:
          steps:
            inventory: { time: exp(1ms), workers: 8 }
            payment:   { time: fixed(2ms), workers: 8 }
            notify:    { time: exp(1ms), workers: 8 }
        arms:
          inproc-sync: { style: inproc, answer: completion, timeout: 2s }
        load: { model: open, rate: 50/s, duration: 4s, warmup: 500ms, timeout: 3s, drain: 20s, prime: 5 }
        faults:
        {{faults}}
        """;

    private static async Task<ArmResult> RunAsync(TempFolder folder, string faults) =>
        Assert.Single((await folder.RunAsync(ScenarioLoader.Parse(Scenario(faults), "inproc-faults.yaml"))).Arms);

    [Fact]
    public async Task A_step_fault_on_payment_fails_orders_at_payment_only_and_the_books_add_up()
    {
        using var folder = new TempFolder("inproc-step");

        var arm = await RunAsync(folder, "  - { at: 1s, for: 1s, step: payment, errorRate: 100% }");

        // Every order of the window failed at payment (502 naming it); inventory had done its part.
        Assert.InRange(arm.ErrorsByKind.GetValueOrDefault("status_502"), 35, 65);
        Assert.Equal(arm.Counts.Errors, arm.ErrorsByKind["status_502"]);
        Assert.True(arm.Delivery!.PartialEffects > 0, "inventory reserved orders whose payment then failed");
        Assert.Equal(0, arm.Delivery.Lost);
        Assert.True(arm.Accounting!.AddsUp, arm.Accounting.Detail);
        Assert.DoesNotContain(arm.Notes, n => n.Contains("whole process", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Killing_one_role_kills_the_one_process_the_run_says_so_and_every_role_comes_back()
    {
        using var folder = new TempFolder("inproc-kill");

        var arm = await RunAsync(folder, "  - { at: 1s, for: 1s, kill: notify }");

        var window = Assert.Single(arm.Faults);
        Assert.Equal(("kill", "notify"), (window.Kind, window.Target));
        Assert.Contains(arm.Notes, n => n.StartsWith("kill notify at 1", StringComparison.Ordinal) && n.Contains("hit the whole process", StringComparison.Ordinal));
        // The edge went down with notify: callers were refused while it was, and were served again after it.
        Assert.True(arm.Counts.Errors > 0, "callers saw errors while the process was down");
        Assert.True(arm.Timeline.Where(p => p.T >= window.EndSec).Sum(p => p.Accepted) > 0, "orders were accepted after the restart");
        Assert.True(arm.Accounting!.AddsUp, arm.Accounting.Detail);
    }
}
