namespace ArchLab.Harness.Model.Results;

/// <summary>
/// The recovery figures (docs/results.md, recovery), from the per-second timeline and the fault windows:
/// time to recover (completion rate and p99 back within a band of the pre-fault baseline), drain time
/// (backlog back to its pre-fault level) and peak backlog.
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

    public static RecoveryFigures Analyse(IReadOnlyList<TimelinePoint> timeline, IReadOnlyList<FaultWindow> faults, double measuredSeconds, long? peakBacklog)
    {
        var windows = faults.Where(f => f.Kind != "crash").ToList();
        if (windows.Count == 0)
        {
            return new RecoveryFigures(null, null, peakBacklog);
        }

        var firstStart = windows.Min(w => w.StartSec);
        var lastEnd = windows.Max(w => w.EndSec ?? double.PositiveInfinity);
        var baseline = timeline.Where(p => p.T + 1 <= firstStart).ToList();
        if (baseline.Count == 0 || double.IsInfinity(lastEnd))
        {
            return new RecoveryFigures(null, null, peakBacklog);
        }

        return new RecoveryFigures(TimeToRecover(timeline, baseline, lastEnd, measuredSeconds), Drain(timeline, baseline, lastEnd), peakBacklog);
    }

    private static double? TimeToRecover(IReadOnlyList<TimelinePoint> timeline, List<TimelinePoint> baseline, double end, double measuredSeconds)
    {
        var rate = baseline.Average(p => p.Completed ?? p.Accepted);
        var p99s = baseline.Select(p => p.CompletionP99Ms ?? p.AcceptP99Ms).OfType<double>().Order().ToList();
        var p99Limit = p99s.Count == 0 ? double.PositiveInfinity : p99s[p99s.Count / 2] * P99Band + P99SlackMs;
        bool Within(TimelinePoint p) =>
            Math.Abs((p.Completed ?? p.Accepted) - rate) <= RateBand * rate && (p.CompletionP99Ms ?? p.AcceptP99Ms ?? 0) <= p99Limit;

        // Only whole seconds of the measured window count: after it the offered load stops.
        var after = timeline.Where(p => p.T >= Math.Floor(end) && p.T + 1 <= measuredSeconds).ToList();
        for (var i = 0; i + StableSeconds <= after.Count; i++)
        {
            if (after.Skip(i).Take(StableSeconds).All(Within))
            {
                return Math.Round(Math.Max(0, after[i].T - end), 3);
            }
        }

        return null;
    }

    private static double? Drain(IReadOnlyList<TimelinePoint> timeline, List<TimelinePoint> baseline, double end)
    {
        var before = baseline.Select(p => p.Backlog).OfType<long>().ToList();
        if (before.Count == 0)
        {
            return null;
        }

        var level = before.Average();
        var threshold = Math.Max(level * 1.5, level + 5);
        var drained = timeline.FirstOrDefault(p => p.T >= Math.Floor(end) && p.Backlog is { } b && b <= threshold);
        return drained is null ? null : Math.Round(Math.Max(0, drained.T - end), 3);
    }
}
