using ArchLab.Contracts.Workflow;

namespace ArchLab.Contracts.Ledger;

/// <summary>The numeric step codes of ledger records.</summary>
public static class StepCodes
{
    public const ushort Edge = 1;
    public const ushort Inventory = 2;
    public const ushort Payment = 3;
    public const ushort Notify = 4;

    /// <summary>
    /// The edge's read model, in a file of its own (<c>readmodel.ledger</c>, which the delivery check never reads):
    /// when the model first showed the order done, every receiver's effect seen.
    /// </summary>
    public const ushort ReadModel = 50;

    /// <summary>The file of the <see cref="ReadModel"/> records, in the folder of the roles' ledgers.</summary>
    public const string ReadModelFile = "readmodel.ledger";

    /// <summary>Receiver <c>notify.k</c> writes code <c>ReceiverBase + k</c>.</summary>
    public const ushort ReceiverBase = 100;

    /// <summary>
    /// Set on the step code of a record that is an attempt which failed (an injected error, a poison order)
    /// rather than an effect: retry amplification counts attempts, the delivery classes count effects.
    /// </summary>
    public const ushort FailedAttemptFlag = 0x8000;

    /// <summary>Whether the record is a failed attempt rather than an effect.</summary>
    public static bool IsFailedAttempt(ushort code) => (code & FailedAttemptFlag) != 0;

    /// <summary>The step of a record, with the failed-attempt flag removed.</summary>
    public static ushort StepOf(ushort code) => (ushort)(code & ~FailedAttemptFlag);

    /// <summary>Whether the code is a fan-out receiver's: the last step, whose effects complete an order together.</summary>
    public static bool IsReceiver(ushort code) => code == Notify || code is > ReceiverBase and <= ReceiverBase + Roles.MaxReceivers;

    public static ushort Of(string role) => role switch
    {
        Roles.Edge => Edge,
        Roles.Inventory => Inventory,
        Roles.Payment => Payment,
        Roles.Notify => Notify,
        _ when Roles.ReceiverIndex(role) is var k and > 0 => (ushort)(ReceiverBase + k),
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, "not a role of the workflow"),
    };

    public static string NameOf(ushort code) => code switch
    {
        Edge => Roles.Edge,
        Inventory => Roles.Inventory,
        Payment => Roles.Payment,
        Notify => Roles.Notify,
        > ReceiverBase and <= ReceiverBase + Roles.MaxReceivers => Roles.Receiver(code - ReceiverBase),
        _ => $"step{code}",
    };
}
