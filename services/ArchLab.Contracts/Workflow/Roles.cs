namespace ArchLab.Contracts.Workflow;

/// <summary>
/// The roles of the place-order workflow, in the order the work flows. The last step fans out: with one
/// receiver it is <c>notify</c>; with N it is <c>notify.1</c> .. <c>notify.N</c>, each its own process.
/// </summary>
public static class Roles
{
    public const string Edge = "edge";
    public const string Inventory = "inventory";
    public const string Payment = "payment";
    public const string Notify = "notify";

    /// <summary>Most fan-out receivers a workflow may have (ledger step codes and ports are planned for this many).</summary>
    public const int MaxReceivers = 64;

    /// <summary>Every role of the one-receiver workflow, edge first.</summary>
    public static IReadOnlyList<string> All { get; } = [Edge, Inventory, Payment, Notify];

    /// <summary>The roles that do a step after the edge has accepted the order (one receiver).</summary>
    public static IReadOnlyList<string> Steps { get; } = [Inventory, Payment, Notify];

    /// <summary>The fan-out receivers: <c>notify</c> alone for one, else <c>notify.1</c> .. <c>notify.N</c>.</summary>
    public static IReadOnlyList<string> Receivers(int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, MaxReceivers);
        return count == 1 ? [Notify] : [.. Enumerable.Range(1, count).Select(Receiver)];
    }

    /// <summary>The step roles of a workflow with <paramref name="receivers"/> receivers.</summary>
    public static IReadOnlyList<string> StepsOf(int receivers) => [Inventory, Payment, .. Receivers(receivers)];

    /// <summary>Every role of a workflow with <paramref name="receivers"/> receivers, edge first.</summary>
    public static IReadOnlyList<string> AllOf(int receivers) => [Edge, .. StepsOf(receivers)];

    /// <summary>The k-th receiver of a fan-out (1-based).</summary>
    public static string Receiver(int k) => $"{Notify}.{k}";

    /// <summary>Whether the role is a fan-out receiver (<c>notify</c> or <c>notify.k</c>).</summary>
    public static bool IsReceiver(string role) => role == Notify || ReceiverIndex(role) > 0;

    /// <summary>Whether the role is a role of some workflow.</summary>
    public static bool IsKnown(string role) => role is Edge or Inventory or Payment || IsReceiver(role);

    /// <summary>k of <c>notify.k</c>; 0 for any other role (<c>notify</c> included).</summary>
    public static int ReceiverIndex(string role) =>
        role.StartsWith($"{Notify}.", StringComparison.Ordinal) && int.TryParse(role.AsSpan(Notify.Length + 1), out var k) &&
        k is >= 1 and <= MaxReceivers && role == Receiver(k)
            ? k
            : 0;

    /// <summary>A stable number per role (edge 0 .. notify 3, notify.k 3 + k), for seeds and port slots.</summary>
    public static int Ordinal(string role) => role switch
    {
        Edge => 0,
        Inventory => 1,
        Payment => 2,
        Notify => 3,
        _ when ReceiverIndex(role) is var k and > 0 => 3 + k,
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, "not a role of the workflow"),
    };
}
