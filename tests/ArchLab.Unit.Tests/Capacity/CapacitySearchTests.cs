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

    /// <summary>A station that, past its capacity, completes at its service rate and fails nothing (a queue).</summary>
    private static CapacitySearch RunSaturating(double start, double capacity, double precision, Func<double, double>? carried = null)
    {
        var search = new CapacitySearch(start, 1e6, precision);
        while (search.Next() is { } rate)
        {
            var window = new CapacityWindow(rate, carried?.Invoke(rate) ?? Math.Min(rate, capacity), 0, null, null, 3);
            search.Record(rate, window.Broken(), window.Carried);
        }

        return search;
    }

    [Theory]
    [InlineData(100, 190, 0.10)]
    [InlineData(100, 190, 0.05)]
    [InlineData(5000, 730, 0.05)]
    [InlineData(20, 12_345, 0.05)]
    public void A_saturated_arm_s_carried_rate_brackets_the_capacity_in_fewer_windows_than_bisection(double start, double capacity, double precision)
    {
        var guided = RunSaturating(start, capacity, precision);
        var bisected = new CapacitySearch(start, 1e6, precision);
        while (bisected.Next() is { } rate)
        {
            bisected.Record(rate, new CapacityWindow(rate, Math.Min(rate, capacity), 0, null, null, 3).Broken());
        }

        // A window at 98% or more of the capacity holds: completed is within the 2% shortfall allowed.
        Assert.InRange(guided.Found!.Value, capacity * (1 - precision), capacity / (1 - CapacityWindow.CompletedShortfall));
        Assert.True(guided.Above!.Value.Rate <= guided.Found.Value * (1 + precision));
        Assert.True(guided.Steps.Count < bisected.Steps.Count, $"guided {guided.Steps.Count} windows, bisection {bisected.Steps.Count}");
    }

    [Fact]
    public void A_guess_that_misses_costs_a_window_and_the_search_still_ends_within_its_precision()
    {
        // Past 190/s the arm falls just short of each rate offered, so what it carried over-states its capacity and a
        // guess from it breaks: the search goes on from below.
        var search = RunSaturating(100, 190, 0.05, carried: rate => rate > 190 ? rate * 0.975 : rate);

        // From 100 and 200 bisection would try 150 next; a broken window between 190 and 200 is a guess that missed.
        Assert.Contains(search.Steps, s => s.Broken.Count > 0 && s.Rate is > 190 and < 200);
        Assert.InRange(search.Found!.Value, 190 * 0.95, 190);
        Assert.InRange(search.Above!.Value.Rate, 190, search.Found.Value * 1.05);
        Assert.True(search.Steps.Count <= search.MaxSteps);
    }

    [Fact]
    public void An_arm_that_failed_orders_gives_no_guess_its_carried_rate_is_not_its_capacity()
    {
        Assert.Null(new CapacityWindow(400, 119, 0.78, 301, null, 3).Carried);
        Assert.Null(new CapacityWindow(200, 199, 0, 2, null, 3).Carried);
        Assert.Equal(186, new CapacityWindow(200, 186, 0, 35, null, 3).Carried);
        Assert.Equal(197, new CapacityWindow(200, 197, 0, 40, null, 3).Carried);
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
