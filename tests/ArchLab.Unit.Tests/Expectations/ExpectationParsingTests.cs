using ArchLab.Harness.Model.Expectations;

namespace ArchLab.Unit.Tests.Expectations;

public class ExpectationParsingTests
{
    private static readonly string[] Arms = ["rest", "jetstream", "jetstream-ttl"];

    private static bool Holds(string text) =>
        Expectation.Parse(text, Arms).Evaluate(new FakeArmMetrics(), _ => new FakeArmMetrics()).Passed;

    [Theory]
    [InlineData("1 + 2 * 3 == 7")]
    [InlineData("(1 + 2) * 3 == 9")]
    [InlineData("8 - 2 - 1 == 5")]
    [InlineData("8 / 2 / 2 == 2")]
    [InlineData("2 * 3 - 4 / 2 == 4")]
    [InlineData("-2 + 5 == 3")]
    [InlineData("- (1 + 1) == -2")]
    [InlineData("1 != 2")]
    [InlineData("1 < 2")]
    [InlineData("2 <= 2")]
    [InlineData("3 > 2")]
    [InlineData("2 >= 2")]
    [InlineData("0.1+0.2>0.3")]
    public void Arithmetic_has_the_usual_precedence_from_left_to_right(string text) => Assert.True(Holds(text));

    [Theory]
    [InlineData("250us == 0.25")]
    [InlineData("10ms == 10")]
    [InlineData("1s == 1000")]
    [InlineData("1.5s == 1500")]
    [InlineData("1m == 60000")]
    [InlineData("1h == 3600000")]
    [InlineData("5% == 0.05")]
    [InlineData("100% == 1")]
    [InlineData("2 * 50% == 1")]
    public void Durations_read_as_milliseconds_and_percentages_as_fractions(string text) => Assert.True(Holds(text));

    [Fact]
    public void Knows_which_other_arms_it_reads()
    {
        var expectation = Expectation.Parse("accept.p99 < 0.2 * rest.accept.p99 + jetstream-ttl.expired - rest.lost", Arms);

        Assert.Equal(["rest", "jetstream-ttl"], expectation.ReferencedArms);
        Assert.Empty(Expectation.Parse("lost-errors == 0", Arms).ReferencedArms);
    }

    [Fact]
    public void Keeps_the_text_without_surrounding_blanks_and_is_equal_by_text()
    {
        var expectation = Expectation.Parse("  lost == 0 ", Arms);

        Assert.Equal("lost == 0", expectation.Text);
        Assert.Equal(expectation, Expectation.Parse("lost == 0", ["other"]));
        Assert.NotEqual(expectation, Expectation.Parse("lost==0", Arms));
    }

    [Theory]
    [InlineData("", 1, "expected an expectation such as 'lost == 0', got nothing")]
    [InlineData("lost", 5, "expected a comparison (==, !=, <, <=, >, >=, or 'within 10% of') after 'lost'")]
    [InlineData("lost 0", 6, "expected a comparison (==, !=, <, <=, >, >=, or 'within 10% of') got '0'")]
    [InlineData("lost = 0", 6, "'=' is not a comparison; use '==' for equality")]
    [InlineData("lost == ", 9, "expected a number, a metric or '(', got the end of the expectation")]
    [InlineData("lost == 0 == 1", 11, "an expectation has exactly one comparison; got a second one, '=='")]
    [InlineData("(lost == 0", 7, "expected ')' to close the '(' at column 1, got '=='")]
    [InlineData("lost == 0)", 10, "expected an operator (+ - * /) or the end, got ')'")]
    [InlineData("lost == 1 2", 11, "expected an operator (+ - * /) or the end, got '2'")]
    [InlineData("lost # 1", 6, "unexpected character '#'; expected a number, a metric, an operator (+ - * /), a comparison (== != < <= > >=) or a parenthesis")]
    [InlineData("accept.p99 < 10x", 16, "unknown unit 'x' after 10; expected one of us, ms, s, m, h or %")]
    [InlineData("lost == 1.2.3", 9, "'1.2.3' is not a number")]
    [InlineData("acept.p99 < 1", 1, "unknown metric 'acept.p99'; nearest known: accept.p99, accept.p90, accept.p999")]
    [InlineData("accept < 1", 1, "unknown metric 'accept'; nearest known: accepted, accept.p50, accept.p90")]
    [InlineData("lots == 0", 1, "unknown metric 'lots'; nearest known: lost, sent, errors")]
    [InlineData("rest.acept.p99 > 1", 6, "unknown metric 'acept.p99' of arm 'rest'; nearest known: accept.p99, accept.p90, accept.p999")]
    [InlineData("accept.p99 < rest", 14, "'rest' is an arm, not a metric; name one of its metrics, e.g. rest.accept.p99")]
    [InlineData("lost < jetstream-ttl.", 8, "'jetstream-ttl' is an arm, not a metric; name one of its metrics, e.g. jetstream-ttl.accept.p99")]
    [InlineData("accept.p99 < rst.accept.p99", 14, "unknown arm 'rst'; known arms: rest, jetstream, jetstream-ttl")]
    [InlineData("expired > jetstrem-ttl.expired", 11, "unknown arm 'jetstrem-ttl'; known arms: jetstream-ttl, jetstream, rest")]
    public void Syntax_errors_say_what_and_at_which_column(string text, int column, string reason)
    {
        var thrown = Assert.Throws<ExpectationSyntaxException>(() => Expectation.Parse(text, Arms));

        Assert.Equal((column, reason), (thrown.Column, thrown.Reason));
        Assert.Equal($"column {column}: {reason}", thrown.Message);
    }

    [Fact]
    public void Without_other_arms_an_arm_reference_says_so()
    {
        var thrown = Assert.Throws<ExpectationSyntaxException>(() => Expectation.Parse("lost <= rest.lost", []));

        Assert.Equal("unknown arm 'rest'; this scenario has no other arms", thrown.Reason);
    }
}
