using ArchLab.Load;
using ArchLab.Load.Engine;
using ArchLab.Load.Targets;

namespace ArchLab.Unit.Tests.Load;

public sealed class FineTimelineTests
{
    [Fact]
    public async Task A_short_run_counts_in_100_ms_intervals_and_an_outage_shows_in_exactly_its_intervals()
    {
        // 100/s after a 0.5 s warm-up (sequence numbers 0-49): the orders intended in [0.5 s, 0.8 s) of the measured
        // window, 100-129, fail at once, as if the edge were down for those 300 ms.
        var options = new LoadOptions
        {
            RatePerSec = 100, Warmup = TimeSpan.FromSeconds(0.5), Duration = TimeSpan.FromSeconds(1.5), Interval = TimeSpan.FromMilliseconds(100),
        };
        var target = new InstantTarget(seq => seq is >= 100 and < 130 ? CallOutcome.Failed : CallOutcome.Accepted());

        var report = await new LoadEngine(options, target).RunAsync(null, TestContext.Current.CancellationToken);

        Assert.Equal(TimeSpan.FromMilliseconds(100), report.Interval);
        Assert.InRange(report.Timeline.Count, 15, 16); // a last answer may land just past the window
        Assert.Equal(Enumerable.Range(0, 15), report.Timeline.Take(15).Select(i => i.Index));
        Assert.All(report.Timeline.Take(15), i => Assert.InRange(i.Offered, 9, 11));
        // Answers come at once, so in the interval they were sent in; a send the machine delayed past a boundary is
        // counted next door (beside a build, 7 and 13 in two of the three): every outage interval shows it, and all of
        // it lies within one interval of them.
        var errors = report.Timeline.Select(i => i.Errors).ToArray();
        Assert.Equal(30, errors.Sum());
        Assert.All(errors[5..8], e => Assert.InRange(e, 5, 15));
        Assert.Equal(30, errors[4..9].Sum());
        Assert.All(report.Timeline.Where((_, i) => i is >= 5 and < 8), i => Assert.InRange(i.Accepted, 0, 1));
        Assert.Equal(report.Counts.Accepted, report.Timeline.Sum(i => i.Accepted));
    }
}
