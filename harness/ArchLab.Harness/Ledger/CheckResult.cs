using ArchLab.Harness.Model.Results;
using ArchLab.Harness.Model.Semantics;
using HdrHistogram;

namespace ArchLab.Harness.Ledger;

/// <summary>What the ledger check found for one arm.</summary>
/// <param name="Books">The books closed from every order's facts, as the simulator closes its own.</param>
/// <param name="DistinctByStep">Orders of this run (priming and warm-up included) with at least one effect, per step code: what the broker must have stored.</param>
/// <param name="TornRecords">Ledger slots that held no complete record.</param>
public sealed record CheckResult(Books Books, IReadOnlyDictionary<ushort, long> DistinctByStep, long TornRecords)
{
    public DeliveryCounts Delivery => Books.Delivery;

    public AccountingCheck Accounting => Books.Accounting;

    /// <summary>Accepted orders of the measured window whose last step happened.</summary>
    public long Completed => Books.Completed;

    /// <summary>Completion latency (intended send to last step's first effect), microseconds.</summary>
    public LongHistogram Completion => Books.Completion;
}
