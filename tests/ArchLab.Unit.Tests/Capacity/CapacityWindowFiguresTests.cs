using ArchLab.Contracts.Ledger;
using ArchLab.Contracts.Messages;
using ArchLab.Harness.Capacity;
using ArchLab.Harness.Model.Capacity;
using ArchLab.Harness.Model.Results;
using ArchLab.Load.Recording;
using ArchLab.Load.Targets;

namespace ArchLab.Unit.Tests.Capacity;

/// <summary>What a capacity window measured, from a caller log and receivers' ledgers made by hand (1 tick = 1 ms).</summary>
public sealed class CapacityWindowFiguresTests
{
    private const long Ms = 1;
    private static readonly ushort Notify = StepCodes.Of("notify");

    private static LedgerRecord Effect(long seq, long at, ushort step = 0) => new(new OrderId(9, seq), step == 0 ? Notify : step, 1, at, 1);

    [Fact]
    public void An_order_completes_when_its_slowest_receiver_has_it_and_an_order_one_receiver_lacks_has_not()
    {
        var first = new List<LedgerRecord> { Effect(1, 10), Effect(1, 4), Effect(2, 20), Effect(3, 30) };
        var second = new List<LedgerRecord> { Effect(1, 12), Effect(2, 18) };

        var done = WindowFigures.CompletionTimes([first, second]);

        Assert.Equal(new Dictionary<long, long> { [1] = 12, [2] = 20 }, done);
    }

    [Fact]
    public void A_window_that_keeps_up_holds_and_one_whose_backlog_grows_breaks_with_its_reasons()
    {
        // 1,000 ms measured from t = 1,000; ten orders sent 100 ms apart from t = 1,010, each done 5 ms later.
        var calls = Enumerable.Range(0, 10).Select(i => new CallRecord(i, 1_010 + (i * 100), 1_010 + (i * 100), 1_011 + (i * 100), OutcomeKind.Accepted, 202, false)).ToList();
        var kept = calls.Select(c => Effect(c.Seq, c.Intended + 5)).ToList();
        var counts = new LoadCounts(10, 10, 10, 0, 0);

        var (window, step) = WindowFigures.Of("search", 10, calls, [kept], 1_000, TimeSpan.FromMilliseconds(1_000), counts, null, null, frequency: 1_000);

        Assert.Equal((10.0, 10.0, 0L, 0L), (window.OfferedPerSec, window.CompletedPerSec, window.BacklogGrowth!.Value, step.Unfinished));
        Assert.True(step.Held);
        Assert.Equal((5.0, 5.0), (step.CompletionMs!.P50, step.CompletionMs.P99));

        // The same orders, of which only the first four complete: the other six are the backlog's growth (more than
        // the five a window may wobble by).
        var (late, lateStep) = WindowFigures.Of("search", 10, calls, [kept.Take(4).ToList()], 1_000, TimeSpan.FromMilliseconds(1_000), counts, null, null, frequency: 1_000);
        Assert.Equal((4.0, 6L, 6L), (late.CompletedPerSec, late.BacklogGrowth!.Value, lateStep.Unfinished));
        Assert.Equal(["completed 4/s of 10/s offered", "the backlog grew by 6 over the window"], lateStep.Broken);
    }

    [Fact]
    public void The_accept_path_is_judged_on_what_was_accepted_whatever_the_backlog_behind_it()
    {
        var calls = Enumerable.Range(0, 10).Select(i => new CallRecord(i, 1_010 + (i * 100), 1_010 + (i * 100), 1_011 + (i * 100), OutcomeKind.Accepted, 202, false)).ToList();
        var (window, step) = WindowFigures.Of("search", 10, calls, [[]], 1_000, TimeSpan.FromMilliseconds(1_000), new LoadCounts(10, 10, 10, 0, 0),
            new LatencySummary(10, 1, 1, 1, 1, 1, 1), CapacityObjective.Parse("accept.p99 < 2ms"), frequency: 1_000, acceptPath: true);

        Assert.Null(window.BacklogGrowth);
        Assert.True(step.Held, string.Join("; ", step.Broken));
        Assert.Equal(10, step.BacklogGrowth);
    }

    [Theory]
    [InlineData("accept.p99 < 50ms", "accept", 0.99, false, 50)]
    [InlineData(" completion.p50 <= 2s ", "completion", 0.5, true, 2000)]
    [InlineData("accept.p99.9<500us", "accept", 0.999, false, 0.5)]
    public void An_objective_is_read_from_its_text(string text, string metric, double quantile, bool orEqual, double boundMs) =>
        Assert.Equal(new CapacityObjective(metric, quantile, orEqual, boundMs), CapacityObjective.Parse(text));

    [Theory]
    [InlineData("latency.p99 < 50ms", "expected <accept|completion>")]
    [InlineData("accept.p75 < 50ms", "p75 is not one of")]
    [InlineData("accept.p99 < fast", "is not a positive duration")]
    public void A_bad_objective_says_what_was_expected(string text, string expected) =>
        Assert.Contains(expected, Assert.Throws<FormatException>(() => CapacityObjective.Parse(text)).Message, StringComparison.Ordinal);

    [Fact]
    public void An_objective_holds_below_its_bound_and_says_what_was_measured()
    {
        var objective = CapacityObjective.Parse("accept.p99 < 50ms");
        Assert.Equal((true, "accept.p99 < 50ms with 49.5 ms"), objective.Judge(49.5));
        Assert.False(objective.Judge(50).Held);
        Assert.Equal((false, "accept.p99 < 50ms with nothing measured"), objective.Judge(null));
    }

    [Fact]
    public void The_curve_spaces_its_rates_evenly_up_to_one_point_two_times_the_capacity_and_skips_those_measured()
    {
        Assert.Equal([24, 48, 72, 96, 120], CapacityRunner.CurveRates(100, 5, []));
        Assert.Equal([24, 48, 96, 120], CapacityRunner.CurveRates(100, 5, [71, 300]));
        Assert.Equal([24, 48, 72, 120], CapacityRunner.CurveRates(100, 5, [92, 300]));
        Assert.Empty(CapacityRunner.CurveRates(100, 0, []));
    }

    [Fact]
    public void A_scenarios_capacity_section_gives_the_searchs_defaults_and_the_command_line_each_of_them_instead()
    {
        var scenario = Harness.Model.Scenarios.Loading.ScenarioLoader.Parse("""
            name: s
            title: T
            claim: C
            watch: W
            arms:
              rest: { style: rest }
            capacity: { from: 100/s, precision: 10%, curvePoints: 3, of: accept, slo: "accept.p99 < 50ms" }
            """, "s.yaml");

        var options = CapacityOptions.Of(scenario.Capacity);

        Assert.Equal(new CapacityOptions(CapacityObjective.Parse("accept.p99 < 50ms"), 100, null, 0.1, CurvePoints: 3, AcceptPath: true), options);
        var overridden = ArchLab.Cli.Commands.CapacityCommand.Options(new ArchLab.Cli.Commands.CapacitySettings { Precision = "2%", Of = "completion" }, options);
        Assert.Equal(options with { Precision = 0.02, AcceptPath = false }, overridden);
        Assert.Equal(new CapacityOptions(), CapacityOptions.Of(null));
    }
}
