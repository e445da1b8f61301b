using ArchLab.Harness.Model.Results;
using HdrHistogram;

namespace ArchLab.Harness.Ledger;

/// <summary>What the ledger check found for one arm.</summary>
/// <param name="Delivery">The classes of design section 9.</param>
/// <param name="Accounting">Whether they add up to what was accepted.</param>
/// <param name="Completed">Accepted orders of the measured window whose last step happened.</param>
/// <param name="Completion">Completion latency (intended send to last step's first effect), microseconds.</param>
/// <param name="CompletedPerSecond">Completions per second since the measured start, by the time they happened.</param>
/// <param name="LastCompletionSec">Seconds from the measured start to the last completion (0 if none).</param>
/// <param name="EffectsByStep">Effects written per step code (all attempts): the input of retry amplification.</param>
/// <param name="TornRecords">Ledger slots that held no complete record.</param>
public sealed record CheckResult(
    DeliveryCounts Delivery,
    AccountingCheck Accounting,
    long Completed,
    LongHistogram Completion,
    IReadOnlyList<long> CompletedPerSecond,
    double LastCompletionSec,
    IReadOnlyDictionary<ushort, long> EffectsByStep,
    long TornRecords);
