using ArchLab.Contracts.Ledger;
using ArchLab.Harness.Model.Results;

namespace ArchLab.Harness.Broker;

/// <summary>
/// The broker's own counters against the ledger, an oracle independent of the ledger check (docs/results.md,
/// reconciliation): every message the orders stream stored is an accepted order or the event a step published
/// after its effect, and a drained consumer has acknowledged everything it was given.
/// </summary>
public static class Reconciliation
{
    /// <param name="broker">The broker's last snapshot of the orders stream.</param>
    /// <param name="acceptedOrders">Orders the edge got stored (caller saw 202), priming, warm-up and measured.</param>
    /// <param name="distinctByStep">Orders with an effect, per step code (the ledger's view).</param>
    public static ReconciliationResult Check(JszSnapshot broker, long acceptedOrders, IReadOnlyDictionary<ushort, long> distinctByStep)
    {
        // With message ids, a step that runs twice for one order still stores its next event once.
        var inventory = distinctByStep.GetValueOrDefault(StepCodes.Inventory);
        var payment = distinctByStep.GetValueOrDefault(StepCodes.Payment);
        var expected = acceptedOrders + inventory + payment;
        var stored = (long)broker.StreamLastSeq;
        var unacked = broker.Consumers.Sum(c => c.NumAckPending + c.NumPending);
        var detail = $"stream stored {stored} messages; ledger expects {expected} " +
                     $"(accepted {acceptedOrders} + inventory events {inventory} + payment events {payment}); unacknowledged now {unacked}";
        return new ReconciliationResult(stored == expected, stored, expected, detail);
    }
}
