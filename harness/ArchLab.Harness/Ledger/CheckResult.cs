using ArchLab.Harness.Model.Results;
using HdrHistogram;

namespace ArchLab.Harness.Ledger;

/// <summary>What the ledger check found for one arm.</summary>
/// <param name="Delivery">The delivery classes (docs/results.md, delivery).</param>
/// <param name="Accounting">Whether they add up to what was accepted.</param>
/// <param name="Completed">Accepted orders of the measured window whose last step happened.</param>
/// <param name="Completion">Completion latency (intended send to last step's first effect), microseconds.</param>
/// <param name="PerSecond">Completions and their p99 per second since the measured start, by the time they happened.</param>
/// <param name="LastCompletionSec">Seconds from the measured start to the last completion (0 if none).</param>
/// <param name="RetryAmplification">Step attempts (effects and failed attempts) per (order, step) that was attempted; null without any.</param>
/// <param name="DistinctByStep">Orders of this run (priming and warm-up included) with at least one effect, per step code: what the broker must have stored.</param>
/// <param name="TornRecords">Ledger slots that held no complete record.</param>
public sealed record CheckResult(
    DeliveryCounts Delivery,
    AccountingCheck Accounting,
    long Completed,
    LongHistogram Completion,
    IReadOnlyList<CompletionSecond> PerSecond,
    double LastCompletionSec,
    double? RetryAmplification,
    IReadOnlyDictionary<ushort, long> DistinctByStep,
    long TornRecords);

/// <summary>One second of completions: how many, and the p99 of their completion latency in ms.</summary>
public sealed record CompletionSecond(long Completed, double? P99Ms);
