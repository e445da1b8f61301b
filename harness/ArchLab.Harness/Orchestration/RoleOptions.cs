using ArchLab.Contracts.Hosting;
using ArchLab.Contracts.Ledger;
using ArchLab.Harness.Model.Scenarios;

namespace ArchLab.Harness.Orchestration;

/// <summary>What each role of an arm is started with: the one place where arm options become service options.</summary>
public static class RoleOptions
{
    public static ServiceOptions For(
        Scenario scenario, ArmSpec arm, string role, IReadOnlyDictionary<ushort, string> ledgers, IReadOnlyDictionary<string, string> downstream, string? natsUrl) => new()
    {
        Role = role,
        Style = arm.Style,
        LedgerPath = arm.Ledger ? ledgers[StepCodes.Of(role)] : null,
        Port = 0,
        Cost = scenario.Workflow.CostOf(role),
        Seed = StableSeed(scenario.Seed, role),
        Downstream = downstream,
        CallTimeout = arm.CallTimeout,
        NatsUrl = natsUrl,
        ExitWhenParentGone = true,
    };

    /// <summary>A role's seed from the scenario's: stable across runs and processes (string hash codes are not).</summary>
    private static int StableSeed(int seed, string role) =>
        (int)((uint)seed * 31u + (uint)ArchLab.Contracts.Workflow.Roles.All.ToList().IndexOf(role) * 7919u) & int.MaxValue;
}
