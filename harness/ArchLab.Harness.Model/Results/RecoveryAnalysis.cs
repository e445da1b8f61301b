using ArchLab.Harness.Model.Semantics;

namespace ArchLab.Harness.Model.Results;

/// <summary>
/// The recovery figures (docs/results.md, recovery), from the timeline and the fault windows: time to recover
/// (completion rate and p99 back within a band of the pre-fault baseline), drain time (backlog back to its pre-fault
/// level) and peak backlog. Rates and p99s are judged over one-second windows that slide by the timeline's interval,
/// so the bands and the "2 s in a row" mean the same on a fine timeline as on one of whole seconds; only the moment
/// found is finer.
/// </summary>
public static class RecoveryAnalysis
{
    /// <summary>Completion rate within this fraction of the baseline counts as recovered.</summary>
    public const double RateBand = 0.25;

    /// <summary>p99 up to this multiple of the baseline (plus <see cref="P99SlackMs"/>) counts as recovered.</summary>
    public const double P99Band = 1.5;

    public const double P99SlackMs = 5;

    /// <summary>Seconds that must stay within the band in a row.</summary>
    public const int StableSeconds = 2;

    /// <summary>
    /// <paramref name="window"/> with the time until accepting and completing resumed (<see cref="FaultWindow.AcceptResumeSec"/>):
    /// when an interval beginning within the window's first second took none of what was offered (or completed none),
    /// the time from the window's start to the first interval after it that did; 0 when none stopped.
    /// </summary>
    public static FaultWindow WithResumes(FaultWindow window, IReadOnlyList<TimelinePoint> timeline, TimelineGrid grid)
    {
        ArgumentNullException.ThrowIfNull(window);
        ArgumentNullException.ThrowIfNull(timeline);
        ArgumentNullException.ThrowIfNull(grid);
        return window with
        {
            AcceptResumeSec = Resume(window.StartSec, timeline, grid, p => p.Offered > 0 ? p.Accepted : null),
            CompleteResumeSec = timeline.Any(p => p.Completed is not null) ? Resume(window.StartSec, timeline, grid, p => p.Completed) : null,
        };
    }

    // Counts per interval: null where the interval says nothing (nothing offered); the outage is a run of zeros.
    private static double? Resume(double start, IReadOnlyList<TimelinePoint> timeline, TimelineGrid grid, Func<TimelinePoint, long?> count)
    {
        var first = Math.Max(0, grid.IndexOf(start));
        var stopped = -1;
        for (var i = first; i < timeline.Count && grid.StartOf(i) < start + 1; i++)
        {
            if (count(timeline[i]) == 0)
            {
                stopped = i;
                break;
            }
        }

        if (stopped < 0)
        {
            return 0;
        }

        for (var i = stopped + 1; i < timeline.Count; i++)
        {
            if (count(timeline[i]) > 0)
            {
                return Math.Round(Math.Max(0, grid.StartOf(i) - start), 3);
            }
        }

        return null;
    }

    public static RecoveryFigures Analyse(
        IReadOnlyList<TimelinePoint> timeline, TimelineGrid grid, IReadOnlyList<FaultWindow> faults, double measuredSeconds, long? peakBacklog)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        ArgumentNullException.ThrowIfNull(grid);
        ArgumentNullException.ThrowIfNull(faults);
        var windows = faults.Where(f => f.Kind != "crash").ToList();
        if (windows.Count == 0)
        {
            return new RecoveryFigures(null, null, peakBacklog);
        }

        var firstStart = windows.Min(w => w.StartSec);
        var lastEnd = windows.Max(w => w.EndSec ?? double.PositiveInfinity);
        var seconds = new SecondWindows(timeline, grid);

        // The baseline: the one-second windows that end before the first fault starts.
        var baseline = Enumerable.Range(0, Math.Max(0, grid.IndexOf(firstStart) - grid.PerSecond + 1)).ToList();
        if (baseline.Count == 0 || double.IsInfinity(lastEnd))
        {
            return new RecoveryFigures(null, null, peakBacklog);
        }

        return new RecoveryFigures(
            TimeToRecover(seconds, grid, baseline, lastEnd, measuredSeconds),
            Drain(timeline, grid, baseline.Count + grid.PerSecond - 1, lastEnd),
            peakBacklog);
    }

    private static double? TimeToRecover(SecondWindows seconds, TimelineGrid grid, List<int> baseline, double end, double measuredSeconds)
    {
        var rate = baseline.Average(seconds.Rate);
        var p99s = baseline.Select(seconds.P99).OfType<double>().Order().ToList();
        var p99Limit = p99s.Count == 0 ? double.PositiveInfinity : (p99s[p99s.Count / 2] * P99Band) + P99SlackMs;
        bool Within(int i) => Math.Abs(seconds.Rate(i) - rate) <= RateBand * rate && (seconds.P99(i) ?? 0) <= p99Limit;

        // Stable from interval i: every one-second window starting in [i, i + (StableSeconds - 1) s] is within the
        // band. Only windows inside the measured window count: after it the offered load stops.
        var span = (StableSeconds - 1) * grid.PerSecond;
        var last = Math.Min(seconds.Count, grid.IndexOf(measuredSeconds)) - grid.PerSecond;
        for (var i = Math.Max(0, grid.IndexOf(end)); i + span <= last; i++)
        {
            if (Enumerable.Range(i, span + 1).All(Within))
            {
                return Math.Round(Math.Max(0, grid.StartOf(i) - end), 3);
            }
        }

        return null;
    }

    private static double? Drain(IReadOnlyList<TimelinePoint> timeline, TimelineGrid grid, int baselinePoints, double end) =>
        DrainLevels(timeline, baselinePoints) is var (_, threshold) ? Crossing(timeline, grid, end, threshold) : null;

    /// <summary>
    /// How far chance alone moves the drain time of <paramref name="arm"/>, in seconds. The backlog counts as drained
    /// when the orders the fault held back, above the level before it, are down to a few: the drain is the finish time
    /// of the order of that rank from the end, and the rank of a tail quantile is uncertain by about the square root of
    /// the orders left above the level, Poisson-like. So the drain could as well have been anywhere between the moment
    /// the backlog fell to <paramref name="standardErrors"/> such errors above the threshold and the moment it was back
    /// at its level, read off the arm's own timeline: a steep fall (a broker draining its backlog at its service rate)
    /// gives an interval or two, a long tail (REST callers whose retries' jittered backoff lands them after the restart)
    /// half a second. 0 where the arm has no drain; where the backlog never came back to its level, until the timeline's end.
    /// </summary>
    public static double DrainSpread(ArmResult arm, double standardErrors)
    {
        ArgumentNullException.ThrowIfNull(arm);
        var grid = new TimelineGrid(arm.IntervalSec);
        var windows = arm.Faults.Where(f => f.Kind != "crash").ToList();
        if (windows.Count == 0 || windows.Any(w => w.EndSec is null) || arm.Timeline.Count == 0)
        {
            return 0;
        }

        var baselinePoints = grid.IndexOf(windows.Min(w => w.StartSec));
        if (baselinePoints < grid.PerSecond || DrainLevels(arm.Timeline, baselinePoints) is not var (level, threshold))
        {
            return 0;
        }

        var end = windows.Max(w => w.EndSec!.Value);
        var early = Crossing(arm.Timeline, grid, end, threshold + (standardErrors * Math.Sqrt(threshold - level))) ?? 0;
        var late = Crossing(arm.Timeline, grid, end, level) ?? arm.Timeline[^1].T - end;
        return Math.Max(0, late - early);
    }

    // The backlog's level before the first fault, and the level back under which the backlog counts as drained.
    private static (double Level, double Threshold)? DrainLevels(IReadOnlyList<TimelinePoint> timeline, int baselinePoints)
    {
        var before = timeline.Take(baselinePoints).Select(p => p.Backlog).OfType<long>().ToList();
        if (before.Count == 0)
        {
            return null;
        }

        var level = before.Average();
        return (level, Math.Max(level * 1.5, level + 5));
    }

    // Seconds from the end of the last fault to the first interval whose backlog is at most the threshold.
    private static double? Crossing(IReadOnlyList<TimelinePoint> timeline, TimelineGrid grid, double end, double threshold)
    {
        var from = grid.IndexOf(end);
        var drained = timeline.Skip(Math.Max(0, from)).FirstOrDefault(p => p.Backlog is { } b && b <= threshold);
        return drained is null ? null : Math.Round(Math.Max(0, drained.T - end), 3);
    }

    /// <summary>The timeline in one-second windows [i, i + 1 s), one starting at every interval i.</summary>
    private sealed class SecondWindows(IReadOnlyList<TimelinePoint> timeline, TimelineGrid grid)
    {
        public int Count => timeline.Count;

        /// <summary>Completions (accepts for an arm without a ledger) in the second from interval i.</summary>
        public double Rate(int i) => Points(i).Sum(p => p.Completed ?? p.Accepted);

        /// <summary>The highest p99 of the intervals in the second from interval i: a second's p99 cannot be had from
        /// its intervals' p99s, and the highest errs on the side of not yet recovered. Null when none has one.</summary>
        public double? P99(int i) => Points(i).Select(p => p.CompletionP99Ms ?? p.AcceptP99Ms).Max();

        private IEnumerable<TimelinePoint> Points(int i) => timeline.Skip(i).Take(grid.PerSecond);
    }
}
