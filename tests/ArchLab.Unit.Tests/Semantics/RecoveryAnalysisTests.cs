using ArchLab.Harness.Model.Results;
using ArchLab.Harness.Model.Semantics;

namespace ArchLab.Unit.Tests.Semantics;

/// <summary>Recovery on a fine timeline: the band, the baseline and "2 s in a row" keep their meaning in seconds; only the moment found is finer.</summary>
public sealed class RecoveryAnalysisTests
{
    private static readonly FaultWindow Outage = new("kill", "payment", 2, 4);

    /// <summary>100 completions a second, none in [2, 4), and <paramref name="rateAt"/> where it says otherwise; p99 10 ms.</summary>
    private static List<TimelinePoint> Timeline(TimelineGrid grid, double seconds, Func<double, double>? rateAt = null) =>
        [.. Enumerable.Range(0, grid.CountFor(seconds)).Select(i =>
        {
            var t = grid.StartOf(i);
            var rate = rateAt?.Invoke(t) ?? (t >= 2 && t < 4 ? 0 : 100);
            var completed = (long)Math.Round(rate * grid.IntervalSec);
            return new TimelinePoint(t, completed, completed, completed, 0, null, completed == 0 ? null : 10) { CompletionP99Ms = completed == 0 ? null : 10 };
        })];

    [Fact]
    public void A_clean_return_at_the_end_of_the_window_recovers_at_once_on_either_grid()
    {
        foreach (var grid in new[] { TimelineGrid.Seconds, new TimelineGrid(0.1) })
        {
            var figures = RecoveryAnalysis.Analyse(Timeline(grid, 10), grid, [Outage], 10, null);

            Assert.Equal(0, figures.TimeToRecoverSec);
        }
    }

    [Fact]
    public void On_a_fine_timeline_the_moment_of_recovery_is_found_to_the_interval()
    {
        // Nothing until 4.3 s, then the full rate: the one-second window from 4.3 s holds 80% of the baseline (within
        // the 25% band), the one from 4.2 s 70% (not), and every window after 4.3 s for two seconds is within.
        var grid = new TimelineGrid(0.1);
        var timeline = Timeline(grid, 10, t => t >= 2 && t < 4.5 ? 0 : 100);

        var fine = RecoveryAnalysis.Analyse(timeline, grid, [Outage], 10, null);

        Assert.Equal(0.3, fine.TimeToRecoverSec);
    }

    [Fact]
    public void The_same_run_per_second_can_only_say_the_next_whole_second()
    {
        var grid = TimelineGrid.Seconds;
        // Per second, 4.0-4.5 s at nothing shows as half the rate in second 4: outside the band, so second 5.
        var timeline = Timeline(grid, 10, t => t >= 2 && t < 4 ? 0 : t >= 4 && t < 5 ? 50 : 100);

        var coarse = RecoveryAnalysis.Analyse(timeline, grid, [Outage], 10, null);

        Assert.Equal(1, coarse.TimeToRecoverSec);
    }

    [Fact]
    public void Two_seconds_in_a_row_means_two_seconds_on_a_fine_timeline_too()
    {
        // Back at 4 s, a relapse over [5.5, 6.0) puts the one-second windows from 4.8 s to 5.7 s out of the band (each
        // misses at least 30%), so the run of two seconds of windows from 4 s breaks; the first unbroken one starts at
        // 5.8 s (its first window misses 20%, within the band).
        var grid = new TimelineGrid(0.1);
        var timeline = Timeline(grid, 10, t => (t >= 2 && t < 4) || (t >= 5.5 && t < 6) ? 0 : 100);

        var figures = RecoveryAnalysis.Analyse(timeline, grid, [Outage], 10, null);

        Assert.Equal(1.8, figures.TimeToRecoverSec);
    }

    [Fact]
    public void Drain_time_is_found_to_the_interval_from_the_backlog_readings()
    {
        var grid = new TimelineGrid(0.1);
        // Backlog 3 before the fault, 500 during it, falling by 100 an interval after it ends: back under 8 at 4.4 s.
        var timeline = Timeline(grid, 10).Select(p => p with
        {
            Backlog = p.T < 2 ? 3 : p.T < 4 ? 500 : Math.Max(3, 500 - (long)Math.Round((p.T - 4 + 0.1) * 1000)),
        }).ToList();

        var figures = RecoveryAnalysis.Analyse(timeline, grid, [Outage], 10, 500);

        Assert.Equal(0.4, figures.DrainSec);
        Assert.Equal(500, figures.PeakBacklog);
    }
}
