using ArchLab.Contracts.Workflow;

namespace ArchLab.Contracts.Ledger;

/// <summary>The numeric step codes of ledger records.</summary>
public static class StepCodes
{
    public const ushort Edge = 1;
    public const ushort Inventory = 2;
    public const ushort Payment = 3;
    public const ushort Notify = 4;

    public static ushort Of(string role) => role switch
    {
        Roles.Edge => Edge,
        Roles.Inventory => Inventory,
        Roles.Payment => Payment,
        Roles.Notify => Notify,
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, "not a role of the workflow"),
    };

    public static string NameOf(ushort code) => code switch
    {
        Edge => Roles.Edge,
        Inventory => Roles.Inventory,
        Payment => Roles.Payment,
        Notify => Roles.Notify,
        _ => $"step{code}",
    };
}
