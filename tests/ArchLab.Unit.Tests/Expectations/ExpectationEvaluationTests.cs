using ArchLab.Harness.Model.Expectations;
using ArchLab.Harness.Model.Results;

namespace ArchLab.Unit.Tests.Expectations;

public class ExpectationEvaluationTests
{
    private static readonly string[] Arms = ["rest", "jetstream"];

    private static ExpectationVerdict Evaluate(string text, FakeArmMetrics self, FakeArmMetrics? rest = null) =>
        Expectation.Parse(text, Arms).Evaluate(self, name => name == "rest" ? rest : null);

    [Fact]
    public void The_actual_text_shows_the_values_compared()
    {
        var verdict = Evaluate(
            "accept.p99 < 0.2 * rest.accept.p99",
            new FakeArmMetrics(("accept.p99", 3.2)),
            new FakeArmMetrics(("accept.p99", 49)));

        Assert.Equal(new ExpectationVerdict("accept.p99 < 0.2 * rest.accept.p99", true, "accept.p99 = 3.2 ms, 0.2 * rest.accept.p99 = 9.8"), verdict);
    }

    [Fact]
    public void A_failed_verdict_shows_the_values_too()
    {
        var verdict = Evaluate("lost == 0", new FakeArmMetrics(("lost", 3)));

        Assert.Equal(new ExpectationVerdict("lost == 0", false, "lost = 3"), verdict);
    }

    [Theory]
    [InlineData("errorRate < 5%", 0.049, true)]
    [InlineData("errorRate < 5%", 0.05, false)]
    [InlineData("errorRate <= 5%", 0.05, true)]
    public void Percentages_compare_with_fractions(string text, double errorRate, bool passed) =>
        Assert.Equal(passed, Evaluate(text, new FakeArmMetrics(("errorRate", errorRate))).Passed);

    [Fact]
    public void Durations_compare_with_latencies_in_milliseconds()
    {
        Assert.True(Evaluate("completion.p99 < 1s", new FakeArmMetrics(("completion.p99", 999.9))).Passed);
        Assert.False(Evaluate("completion.p99 < 1s", new FakeArmMetrics(("completion.p99", 1000))).Passed);
        Assert.True(Evaluate("sendDelay.max <= 500us", new FakeArmMetrics(("sendDelay.max", 0.5))).Passed);
    }

    [Fact]
    public void Equality_is_exact()
    {
        Assert.True(Evaluate("completed == accepted", new FakeArmMetrics(("completed", 1000), ("accepted", 1000))).Passed);
        Assert.False(Evaluate("completed == accepted", new FakeArmMetrics(("completed", 999), ("accepted", 1000))).Passed);
        Assert.False(Evaluate("0.1 + 0.2 == 0.3", new FakeArmMetrics()).Passed);
    }

    [Fact]
    public void A_null_metric_fails_and_says_it_does_not_apply()
    {
        var verdict = Evaluate("accept.p99 < 10ms", new FakeArmMetrics(("accept.p99", null)));

        Assert.Equal(new ExpectationVerdict("accept.p99 < 10ms", false, "no data: accept.p99 has no value (it does not apply to this arm, or the arm sent nothing)"), verdict);
    }

    [Fact]
    public void A_null_metric_of_another_arm_fails_the_same_way()
    {
        var verdict = Evaluate("expired >= rest.expired", new FakeArmMetrics(("expired", 4)), new FakeArmMetrics(("expired", null)));

        Assert.Equal((false, "no data: rest.expired has no value (it does not apply to this arm, or the arm sent nothing)"), (verdict.Passed, verdict.Actual));
    }

    [Fact]
    public void An_arm_missing_from_the_run_fails_with_a_clear_message()
    {
        var verdict = Evaluate("accept.p99 < 0.2 * rest.accept.p99", new FakeArmMetrics(("accept.p99", 3)), rest: null);

        Assert.Equal((false, "arm 'rest' is not part of this run (left out with --arms?), so rest.accept.p99 has no value"), (verdict.Passed, verdict.Actual));
    }

    [Fact]
    public void Units_follow_the_metric_on_a_bare_side()
    {
        var verdict = Evaluate(
            "acceptedPerSec + drainSec + peakRssMb + accept.count > 0",
            new FakeArmMetrics(("acceptedPerSec", 1), ("drainSec", 1), ("peakRssMb", 1), ("accept.count", 1)));
        Assert.Equal("acceptedPerSec + drainSec + peakRssMb + accept.count = 4", verdict.Actual);

        Assert.Equal("acceptedPerSec = 250.5 /s", Evaluate("acceptedPerSec > 0", new FakeArmMetrics(("acceptedPerSec", 250.5))).Actual);
        Assert.Equal("drainSec = 1.25 s", Evaluate("drainSec < 2", new FakeArmMetrics(("drainSec", 1.25))).Actual);
        Assert.Equal("accept.count = 12", Evaluate("accept.count > 0", new FakeArmMetrics(("accept.count", 12))).Actual);
        Assert.Equal("(accept.p99) = 0.0001 ms", Evaluate("(accept.p99) > 0", new FakeArmMetrics(("accept.p99", 0.0001))).Actual);
    }

    [Fact]
    public void A_comparison_of_constants_still_says_what_was_compared() =>
        Assert.Equal("1 < 2", Evaluate("1 < 2", new FakeArmMetrics()).Actual);

    [Fact]
    public void Zero_divided_by_zero_fails_rather_than_guessing()
    {
        var verdict = Evaluate("duplicated / accepted < 1%", new FakeArmMetrics(("duplicated", 0), ("accepted", 0)));

        Assert.False(verdict.Passed);
        Assert.Equal("duplicated / accepted = NaN (not a number: a division of zero by zero?)", verdict.Actual);
    }
}
