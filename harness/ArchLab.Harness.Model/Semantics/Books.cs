using ArchLab.Harness.Model.Results;
using HdrHistogram;

namespace ArchLab.Harness.Model.Semantics;

/// <summary>An arm's books, closed: what its orders add up to.</summary>
/// <param name="Delivery">The classes; expired and dead-lettered are null where the arm cannot have them.</param>
/// <param name="Accounting">Whether the classes of accepted orders add up to what was accepted.</param>
/// <param name="Accepted">Measured orders the caller saw accepted.</param>
/// <param name="Completed">Accepted measured orders whose last step happened (ok and duplicated).</param>
/// <param name="Completion">Their completion latency (intended send to the last step's first effect), microseconds.</param>
/// <param name="Completions">Their completions and p99 per interval of the timeline, by the time they happened.</param>
/// <param name="LastCompletionSec">Seconds from the measured start to the last of them (0 if none).</param>
/// <param name="RetryAmplification">See <see cref="Semantics.RetryAmplification"/>.</param>
public sealed record Books(
    DeliveryCounts Delivery,
    AccountingCheck Accounting,
    long Accepted,
    long Completed,
    LongHistogram Completion,
    IReadOnlyList<CompletionInterval> Completions,
    double LastCompletionSec,
    double? RetryAmplification)
{
    /// <summary>When each lost order was acknowledged (its caller's answer; where not known, when it was sent), seconds from the measured start: which fault took it.</summary>
    public IReadOnlyList<double> LostAcknowledgedSec { get; init; } = [];
}
