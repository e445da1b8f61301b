using ArchLab.Harness.Model.Semantics;
using HdrHistogram;

namespace ArchLab.Simulation.Recording;

/// <summary>
/// The caller side of a simulated arm, as the load engine records a measured one: the accept latency of the measured
/// window in an HdrHistogram of microseconds with the harness's range and precision (so reports read them alike), and
/// per interval of the timeline the measured orders offered, accepted and failed with the p99 of their accept
/// latency. Intervals count from the start of the measured window; completions are the books' to count.
/// </summary>
public sealed class ArmRecorder(TimelineGrid grid)
{
    private readonly List<IntervalCounts> _intervals = [];
    private readonly LongHistogram _acceptInterval = Latency.NewHistogram();

    public LongHistogram Accept { get; } = Latency.NewHistogram();

    public Dictionary<string, long> ErrorsByKind { get; } = new(StringComparer.Ordinal);

    /// <summary>The intervals closed so far, as the timeline reads them.</summary>
    public IReadOnlyList<IntervalFacts> Intervals =>
        [.. _intervals.Select(c => new IntervalFacts(c.Offered, c.Accepted, c.Errors, c.AcceptP99Ms, c.Backlog ?? 0))];

    /// <summary>What the broker held at the last reading of each interval, null where none was taken.</summary>
    public IReadOnlyList<long?> Backlog => [.. _intervals.Select(c => c.Backlog)];

    /// <summary>A measured order was offered at <paramref name="t"/> seconds since the measured start.</summary>
    public void Offered(double t) => At(t).Offered++;

    public void Accepted(double t, double latencySeconds)
    {
        At(t).Accepted++;
        var us = Latency.Micros(latencySeconds);
        _acceptInterval.RecordValue(us);
        Accept.RecordValue(us);
    }

    public void Error(double t, string kind)
    {
        At(t).Errors++;
        ErrorsByKind[kind] = ErrorsByKind.GetValueOrDefault(kind) + 1;
    }

    /// <summary>Closes interval <paramref name="index"/>: its p99 and the backlog last read in it.</summary>
    public void CloseInterval(int index, long? backlog)
    {
        var counts = At(grid.StartOf(index) + (grid.IntervalSec / 2));
        counts.Backlog = backlog;
        counts.AcceptP99Ms = Latency.P99Ms(_acceptInterval);
        _acceptInterval.Reset();
    }

    private IntervalCounts At(double t)
    {
        var index = Math.Max(0, grid.IndexOf(t));
        while (_intervals.Count <= index)
        {
            _intervals.Add(new IntervalCounts());
        }

        return _intervals[index];
    }

    private sealed class IntervalCounts
    {
        public long Offered;
        public long Accepted;
        public long Errors;
        public long? Backlog;
        public double? AcceptP99Ms;
    }
}
