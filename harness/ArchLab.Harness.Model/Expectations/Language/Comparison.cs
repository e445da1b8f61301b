namespace ArchLab.Harness.Model.Expectations.Language;

internal enum Comparison
{
    Equal,
    NotEqual,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,

    /// <summary><c>a within t of b</c>: |a - b| &lt;= t |b|; t is the expectation's tolerance.</summary>
    Within,
}

internal static class Comparisons
{
    public static Comparison? FromText(string text) => text switch
    {
        "==" => Comparison.Equal,
        "!=" => Comparison.NotEqual,
        "<" => Comparison.Less,
        "<=" => Comparison.LessOrEqual,
        ">" => Comparison.Greater,
        ">=" => Comparison.GreaterOrEqual,
        _ => null,
    };

    // Exact compare on purpose: the metrics compared for equality are counts, which are whole numbers.
    public static bool Holds(this Comparison comparison, double left, double right, double tolerance = 0) => comparison switch
    {
        Comparison.Within => Math.Abs(left - right) <= tolerance * Math.Abs(right),
        Comparison.Equal => left == right,
        Comparison.NotEqual => left != right,
        Comparison.Less => left < right,
        Comparison.LessOrEqual => left <= right,
        Comparison.Greater => left > right,
        Comparison.GreaterOrEqual => left >= right,
        _ => false,
    };
}
