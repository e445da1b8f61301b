using ArchLab.Harness.Model.Capacity;

namespace ArchLab.Unit.Tests.Capacity;

/// <summary>
/// The capacity search against systems whose capacity is known: it brackets the capacity within its precision, in
/// few windows, from below and from above, and says when it never broke or never held.
/// </summary>
public sealed class CapacitySearchTests
{
    private static CapacitySearch Run(double start, double capacity, double max = 1e6)
    {
        var search = new CapacitySearch(start, max);
        while (search.Next() is { } rate)
        {
            search.Record(rate, rate <= capacity ? [] : ["completed less than offered"]);
        }

        return search;
    }

    [Theory]
    [InlineData(100, 730)]
    [InlineData(100, 100)]
    [InlineData(5000, 730)]
    [InlineData(20, 12_345)]
    public void It_brackets_the_capacity_within_its_precision(double start, double capacity)
    {
        var search = Run(start, capacity);

        Assert.NotNull(search.Found);
        Assert.InRange(search.Found!.Value, capacity * (1 - search.Precision), capacity);
        Assert.NotNull(search.Above);
        Assert.InRange(search.Above!.Value.Rate, capacity, capacity * (1 + search.Precision) / (1 - search.Precision));
        Assert.Equal(["completed less than offered"], search.Above.Value.Broken);
        Assert.True(search.Steps.Count <= search.MaxSteps);
    }

    [Fact]
    public void A_system_that_never_breaks_is_found_at_least_at_the_maximum()
    {
        var search = Run(100, double.PositiveInfinity, max: 1000);

        Assert.Equal(1000, search.Found);
        Assert.Null(search.Above);
        Assert.Equal([100.0, 200, 400, 800, 1000], search.Steps.Select(s => s.Rate));
    }

    [Fact]
    public void A_system_that_never_holds_finds_nothing_and_stops()
    {
        var search = Run(100, 0);

        Assert.Null(search.Found);
        Assert.True(search.Steps.Count <= search.MaxSteps);
    }

    [Fact]
    public void A_window_says_each_condition_it_broke()
    {
        Assert.Empty(new CapacityWindow(1000, 990, 0, 3, (true, "accept.p99 = 12 ms"), 5).Broken());

        var broken = new CapacityWindow(1000, 900, 0.002, 400, (false, "accept.p99 = 80 ms"), 5).Broken();

        Assert.Equal(4, broken.Count);
        Assert.Contains("completed 900/s of 1000/s offered", broken);
        Assert.Contains("the backlog grew by 400 over the window", broken);
        Assert.Contains("0.2% of the orders failed", broken);
        Assert.Contains("the objective did not hold (accept.p99 = 80 ms)", broken);
    }
}
