using ArchLab.Contracts.Ledger;
using ArchLab.Harness.Model.Capacity;
using ArchLab.Harness.Model.Results;
using ArchLab.Load.Recording;
using ArchLab.Load.Targets;

namespace ArchLab.Harness.Capacity;

/// <summary>
/// What one capacity window measured, from its own files: the caller log of its orders and the receivers' ledgers
/// (their records of the window's order numbers), both on this machine's clock. An order completes when its slowest
/// receiver has its first effect.
/// </summary>
public static class WindowFigures
{
    /// <param name="calls">The window's caller log, warm-up included.</param>
    /// <param name="receivers">Each receiver's ledger records of the window's orders (its nonce).</param>
    /// <param name="measureStart">The measured window's start (Stopwatch ticks).</param>
    /// <param name="counts">The engine's counts of the measured window.</param>
    /// <param name="accept">The measured window's accept latency (corrected), in milliseconds; null when nothing was accepted.</param>
    /// <param name="acceptPath">Judge the accept path only: accepted (not completed) against offered, the backlog left out.</param>
    public static (CapacityWindow Window, CapacityStep Step) Of(
        string kind, double rate, IReadOnlyList<CallRecord> calls, IReadOnlyList<IReadOnlyList<LedgerRecord>> receivers,
        long measureStart, TimeSpan duration, LoadCounts counts, LatencySummary? accept, CapacityObjective? objective, long frequency, bool acceptPath = false)
    {
        var completed = CompletionTimes(receivers);
        var measureEnd = measureStart + (long)(duration.TotalSeconds * frequency);
        long? DoneOf(in CallRecord call) => call.Kind == OutcomeKind.Accepted
            ? completed.TryGetValue(call.Seq, out var at) ? at : null
            : call.Done;
        long Backlog(long at)
        {
            var open = 0L;
            foreach (var call in calls)
            {
                if (call.Sent > 0 && call.Sent <= at && !(DoneOf(call) is { } done && done <= at))
                {
                    open++;
                }
            }

            return open;
        }

        var completions = new List<double>();
        long inWindow = 0, unfinished = 0;
        foreach (var call in calls.Where(c => c.Kind == OutcomeKind.Accepted))
        {
            if (!completed.TryGetValue(call.Seq, out var at))
            {
                unfinished++;
                continue;
            }

            inWindow += at >= measureStart && at < measureEnd ? 1 : 0;
            if (!call.Warmup)
            {
                completions.Add((at - call.Intended) * 1000.0 / frequency);
            }
        }

        var completion = Quantiles(completions);
        var seconds = duration.TotalSeconds;
        // The accept path's capacity is what the caller sees: accepted against offered, whatever the backlog behind it does.
        var window = new CapacityWindow(
            counts.Offered / seconds,
            (acceptPath ? counts.Accepted : inWindow) / seconds,
            counts.Errors / (double)Math.Max(1, counts.Sent),
            acceptPath ? null : Backlog(measureEnd) - Backlog(measureStart),
            objective?.Judge(objective.Metric == "accept" ? objective.Of(accept) : QuantileOf(completions, objective.Quantile)),
            seconds,
            acceptPath ? "accepted" : "completed");
        var step = new CapacityStep(kind, rate, window.OfferedPerSec, counts.Accepted / seconds, inWindow / seconds, window.ErrorShare,
            Backlog(measureEnd) - Backlog(measureStart), unfinished, accept is null ? null : new Quantiles(accept.Count, accept.P50, accept.P99), completion, window.Broken());
        return (window, step);
    }

    /// <summary>Each order's completion: the latest of its receivers' first effects; an order a receiver lacks has none.</summary>
    public static Dictionary<long, long> CompletionTimes(IReadOnlyList<IReadOnlyList<LedgerRecord>> receivers)
    {
        var firsts = receivers.Select(records =>
        {
            var first = new Dictionary<long, long>();
            foreach (var record in records.Where(r => !StepCodes.IsFailedAttempt(r.Step)))
            {
                if (!first.TryGetValue(record.Id.Seq, out var at) || record.Timestamp < at)
                {
                    first[record.Id.Seq] = record.Timestamp;
                }
            }

            return first;
        }).ToList();
        var done = new Dictionary<long, long>();
        if (firsts.Count == 0)
        {
            return done;
        }

        foreach (var (seq, at) in firsts[0])
        {
            var latest = at;
            if (firsts.Skip(1).All(f => f.TryGetValue(seq, out var other) && (latest = Math.Max(latest, other)) >= 0))
            {
                done[seq] = latest;
            }
        }

        return done;
    }

    private static Quantiles? Quantiles(List<double> samples)
    {
        if (samples.Count == 0)
        {
            return null;
        }

        samples.Sort();
        return new Quantiles(samples.Count, At(samples, 0.5), At(samples, 0.99));
    }

    private static double? QuantileOf(List<double> sorted, double q) => sorted.Count == 0 ? null : At(sorted, q);


    /// <summary>The nearest-rank quantile of sorted samples.</summary>
    private static double At(List<double> sorted, double q) => sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Count) - 1, 0, sorted.Count - 1)];
}
