namespace ArchLab.Harness.Model.Expectations.Language;

internal enum TokenKind
{
    Number,
    Metric,
    Plus,
    Minus,
    Times,
    Divide,
    Compare,
    OpenParen,
    CloseParen,

    /// <summary>The word <c>within</c> of <c>a within 10% of b</c>.</summary>
    Within,

    /// <summary>The word <c>of</c> of <c>a within 10% of b</c>.</summary>
    Of,
    End,
}

/// <summary>One token of an expectation; <see cref="Column"/> is 1-based.</summary>
/// <param name="Value">Numbers: the value in the language's units (durations in ms, percentages as fractions).</param>
/// <param name="Arm">Metrics: the arm named before the metric, or null for the arm under test.</param>
/// <param name="Metric">Metrics: a name from <see cref="MetricNames.All"/>.</param>
/// <param name="Comparison">Comparisons: which one.</param>
internal sealed record Token(
    TokenKind Kind,
    string Text,
    int Column,
    double Value = 0,
    string? Arm = null,
    string? Metric = null,
    Comparison Comparison = Comparison.Equal)
{
    /// <summary>How the token reads in an error message.</summary>
    public string Describe() => Kind == TokenKind.End ? "the end of the expectation" : $"'{Text}'";
}
