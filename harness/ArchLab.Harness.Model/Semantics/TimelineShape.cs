using ArchLab.Harness.Model.Results;

namespace ArchLab.Harness.Model.Semantics;

/// <summary>What the caller side saw in one interval: requests offered (by intended time), answers accepted and errors
/// (by the time they came), the p99 of their accept latency, and the requests in flight at its end.</summary>
public sealed record IntervalFacts(long Offered, long Accepted, long Errors, double? AcceptP99Ms, long InFlight);

/// <summary>The timeline of an arm, one point per interval, from the caller side's intervals, the books' completions and the backlog.</summary>
public static class TimelineShape
{
    /// <param name="grid">The intervals.</param>
    /// <param name="load">The caller side, from interval 0.</param>
    /// <param name="completions">The books' completions; null when the arm has no ledger (completed is then null).</param>
    /// <param name="backlog">What the broker held at the last read in each interval, null where none came; null for an arm
    /// without a broker, whose backlog is then the requests in flight.</param>
    public static List<TimelinePoint> Build(
        TimelineGrid grid, IReadOnlyList<IntervalFacts> load, IReadOnlyList<CompletionInterval>? completions, IReadOnlyList<long?>? backlog)
    {
        ArgumentNullException.ThrowIfNull(grid);
        ArgumentNullException.ThrowIfNull(load);
        // The backlog may run on past the last answer and completion: a stream whose last messages expired drains with
        // no completion to mark it, and only the broker's reading shows it empty.
        var count = Math.Max(Math.Max(load.Count, completions?.Count ?? 0), backlog?.Count ?? 0);
        var points = new List<TimelinePoint>(count);
        for (var i = 0; i < count; i++)
        {
            var caller = i < load.Count ? load[i] : null;
            var done = completions is not null && i < completions.Count ? completions[i] : null;
            points.Add(new TimelinePoint(
                grid.StartOf(i),
                caller?.Offered ?? 0,
                caller?.Accepted ?? 0,
                completions is null ? null : done?.Completed ?? 0,
                caller?.Errors ?? 0,
                backlog is not null ? (i < backlog.Count ? backlog[i] : null) : caller?.InFlight,
                caller?.AcceptP99Ms is { } accept ? Latency.Round(accept) : null)
            {
                CompletionP99Ms = done?.P99Ms is { } p99 ? Latency.Round(p99) : null,
            });
        }

        return points;
    }
}
