using ArchLab.Harness.Model.Results;
using ArchLab.Unit.Tests.Metrics;

namespace ArchLab.Unit.Tests.Load;

/// <summary>Whether the load was what was asked: short by more than chance, or dropped for want of slots, fails the run.</summary>
public sealed class LoadCheckTests
{
    [Fact]
    public void The_load_that_was_asked_for_holds()
    {
        Assert.Null(LoadCheck.Of(intendedOffered: 2000, offered: 2000, droppedByGenerator: 0).Shortfall);
    }

    [Fact]
    public void A_short_run_s_chance_is_not_a_shortfall()
    {
        // 20 Poisson arrivals intended: 15 is within three standard deviations.
        Assert.Null(LoadCheck.Of(intendedOffered: 20, offered: 15, droppedByGenerator: 0).Shortfall);
    }

    [Fact]
    public void A_rate_the_engine_could_not_keep_up_with_is_a_shortfall()
    {
        var check = LoadCheck.Of(intendedOffered: 3_000_000, offered: 41_000, droppedByGenerator: 0);

        Assert.Equal(
            "offered 41000 requests of the 3000000 the rate asks for (1.4%): the load engine could not keep up with the rate",
            check.Shortfall);
    }

    [Fact]
    public void Requests_dropped_for_want_of_a_slot_are_a_shortfall_past_one_percent()
    {
        Assert.Null(LoadCheck.Of(intendedOffered: 1000, offered: 1000, droppedByGenerator: 10).Shortfall);

        var check = LoadCheck.Of(intendedOffered: 1000, offered: 1000, droppedByGenerator: 11);

        Assert.Equal(
            "11 of 1000 offered requests (1.1%) found no free slot within the timeout and were never sent (load.maxInFlight)",
            check.Shortfall);
    }

    [Fact]
    public void Requests_the_engine_reached_late_are_a_shortfall_though_all_were_offered()
    {
        var check = LoadCheck.Of(intendedOffered: 200_000, offered: 200_251, droppedByGenerator: 0, behind: 190_000);

        Assert.Equal(
            "the load engine reached 190000 of 200251 offered requests (94.9%) more than a second after their intended time: it cannot send this rate on this machine",
            check.Shortfall);
        Assert.Null(LoadCheck.Of(200_000, 200_000, 0, behind: 2000).Shortfall);
    }

    [Fact]
    public void A_run_with_a_shortfall_does_not_hold_whatever_its_expectations_say()
    {
        var arm = SampleArms.Jetstream() with
        {
            Load = LoadCheck.Of(3_000_000, 41_000, 0),
            Expectations = [new ExpectationVerdict("lost == 0", Passed: true, "lost = 0")],
        };
        var results = new RunResults
        {
            Scenario = "sample",
            StartedUtc = DateTimeOffset.UnixEpoch,
            Seed = 1,
            Environment = new RunEnvironment("m", 2, "linux", "10", null),
            Arms = [arm],
        };

        Assert.False(results.Holds());
        Assert.True((results with { Arms = [arm with { Load = LoadCheck.Of(2000, 2000, 0) }] }).Holds());
    }
}
