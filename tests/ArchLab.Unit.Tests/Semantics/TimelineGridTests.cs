using ArchLab.Harness.Model.Semantics;

namespace ArchLab.Unit.Tests.Semantics;

public sealed class TimelineGridTests
{
    [Theory]
    [InlineData(5, 0.1)]
    [InlineData(60, 0.1)]
    [InlineData(61, 1)]
    [InlineData(600, 1)]
    public void A_run_up_to_a_minute_gets_100_ms_intervals_and_a_longer_one_whole_seconds(double seconds, double interval) =>
        Assert.Equal(interval, TimelineGrid.For(TimeSpan.FromSeconds(seconds)).IntervalSec);

    [Fact]
    public void Times_fall_in_the_interval_that_holds_them_despite_rounding_and_starts_print_as_written()
    {
        var grid = new TimelineGrid(0.1);

        Assert.Equal(3, grid.IndexOf(0.3)); // 0.3 / 0.1 is 2.9999999999999996
        Assert.Equal(2, grid.IndexOf(0.2999));
        Assert.Equal(-1, grid.IndexOf(-0.05));
        Assert.Equal(0.7, grid.StartOf(7)); // not 0.7000000000000001
        Assert.Equal(10, grid.PerSecond);
        Assert.Equal(TimeSpan.FromMilliseconds(100), grid.BacklogSamplePeriod);
        Assert.Equal(TimeSpan.FromMilliseconds(500), TimelineGrid.Seconds.BacklogSamplePeriod);
    }
}
