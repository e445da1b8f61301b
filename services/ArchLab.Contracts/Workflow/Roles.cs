namespace ArchLab.Contracts.Workflow;

/// <summary>The roles of the place-order workflow, in the order the work flows.</summary>
public static class Roles
{
    public const string Edge = "edge";
    public const string Inventory = "inventory";
    public const string Payment = "payment";
    public const string Notify = "notify";

    /// <summary>Every role, edge first.</summary>
    public static IReadOnlyList<string> All { get; } = [Edge, Inventory, Payment, Notify];

    /// <summary>The roles that do a step after the edge has accepted the order.</summary>
    public static IReadOnlyList<string> Steps { get; } = [Inventory, Payment, Notify];
}
