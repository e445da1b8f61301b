using ArchLab.Harness.Model.Expectations.Language;
using ArchLab.Harness.Model.Results;

namespace ArchLab.Harness.Model.Expectations;

/// <summary>
/// One expectation of an arm, e.g. <c>lost == 0</c> or <c>accept.p99 &lt; 0.2 * rest.accept.p99</c>:
/// two operands and a comparison. Operands combine numbers, metrics of the arm (<see cref="MetricNames"/>)
/// and metrics of other arms (<c>rest.accept.p99</c>) with <c>+ - * /</c> and parentheses. Numbers may
/// carry a duration unit (<c>250us</c>, <c>10ms</c>, <c>1s</c>, <c>1m</c>, <c>1h</c>: read as milliseconds,
/// the unit of every latency) or a percent sign (<c>5%</c> is 0.05). Two expectations are equal when their
/// text is.
/// </summary>
public sealed record Expectation
{
    /// <summary>How a verdict on a missing value begins: never a pass, and not a measured failure either.</summary>
    public const string NoData = "no data";

    private readonly ParsedExpectation _parsed;

    private Expectation(string text, ParsedExpectation parsed)
    {
        Text = text;
        _parsed = parsed;
        ReferencedArms = parsed.Left.Arms().Concat(parsed.Right.Arms()).Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>The expectation as written, without surrounding blanks.</summary>
    public string Text { get; }

    /// <summary>Other arms the expectation reads, in order of appearance.</summary>
    public IReadOnlyList<string> ReferencedArms { get; }

    /// <summary>Parses an expectation; <paramref name="armNames"/> are the arms it may refer to.</summary>
    /// <exception cref="ExpectationSyntaxException">The text does not parse; the column is 1-based in <paramref name="text"/>.</exception>
    public static Expectation Parse(string text, IReadOnlyCollection<string> armNames)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(armNames);
        return new Expectation(text.Trim(), Parser.Parse(text, armNames));
    }

    /// <summary>
    /// Evaluates the expectation on the arm under test (<paramref name="self"/>), reading other arms through
    /// <paramref name="arm"/> (null when that arm did not run). A metric that is null fails the verdict.
    /// </summary>
    public ExpectationVerdict Evaluate(IArmMetrics self, Func<string, IArmMetrics?> arm)
    {
        ArgumentNullException.ThrowIfNull(self);
        ArgumentNullException.ThrowIfNull(arm);
        var scope = new EvaluationScope(self, arm);
        var left = _parsed.Left.Evaluate(scope);
        var right = _parsed.Right.Evaluate(scope);
        var tolerance = _parsed.Tolerance?.Evaluate(scope) ?? 0;
        if (scope.Problem is { } problem || left is not { } l || right is not { } r)
        {
            return new ExpectationVerdict(Text, false, scope.Problem ?? NoData);
        }

        var actual = VerdictText.Describe(_parsed, l, r);
        if (double.IsNaN(l) || double.IsNaN(r) || double.IsNaN(tolerance))
        {
            return new ExpectationVerdict(Text, false, $"{actual} (not a number: a division of zero by zero?)");
        }

        return new ExpectationVerdict(Text, _parsed.Comparison.Holds(l, r, tolerance), actual);
    }

    public bool Equals(Expectation? other) => other is not null && string.Equals(Text, other.Text, StringComparison.Ordinal);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Text);

    public override string ToString() => Text;
}
