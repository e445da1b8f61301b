using ArchLab.Harness.Model.Expectations;
using ArchLab.Harness.Model.Results;

namespace ArchLab.Unit.Tests.Expectations;

/// <summary><c>a within t of b</c>: a relative tolerance around the right side, for figures held to a prediction.</summary>
public class WithinTests
{
    private static ExpectationVerdict Evaluate(string text, params (string, double?)[] values) =>
        Expectation.Parse(text, []).Evaluate(new FakeArmMetrics(values), _ => null);

    [Theory]
    [InlineData(21.9, true)]
    [InlineData(18.1, true)]
    [InlineData(22.1, false)]
    [InlineData(17.9, false)]
    public void It_holds_when_the_left_side_is_within_the_share_of_the_right_one(double measured, bool holds)
    {
        var verdict = Evaluate("completion.mean within 10% of theory.mean", ("completion.mean", measured), ("theory.mean", 20));

        Assert.Equal(holds, verdict.Passed);
    }

    [Fact]
    public void The_verdict_says_both_values_and_how_far_off_the_left_one_is()
    {
        var verdict = Evaluate("completion.p99 within 15% of theory.p99", ("completion.p99", 97.5), ("theory.p99", 92.1));

        Assert.Equal("completion.p99 = 97.5 ms, theory.p99 = 92.1 ms (+5.9%)", verdict.Actual);
    }

    [Fact]
    public void A_theory_that_does_not_apply_fails_saying_so()
    {
        var verdict = Evaluate("completion.mean within 10% of theory.mean", ("completion.mean", 20), ("theory.mean", null));

        Assert.False(verdict.Passed);
        Assert.Contains("no data: theory.mean has no value", verdict.Actual, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("completion.mean within 10% theory.mean", "expected 'of' after the tolerance '10%'")]
    [InlineData("completion.mean within of theory.mean", "expected a number, a metric or '(', got 'of'")]
    [InlineData("completion.mean of theory.mean", "expected a comparison (==, !=, <, <=, >, >=, or 'within 10% of') got 'of'")]
    public void A_malformed_within_is_refused_saying_what_was_expected(string text, string message)
    {
        var error = Assert.Throws<ExpectationSyntaxException>(() => Expectation.Parse(text, []));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }
}
