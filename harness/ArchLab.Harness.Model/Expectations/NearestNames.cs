namespace ArchLab.Harness.Model.Expectations;

/// <summary>
/// Finds the known names closest to a misspelt one, so an error can say what was probably meant.
/// Shared by the expectation language and the scenario loader.
/// </summary>
public static class NearestNames
{
    /// <summary>
    /// The known names within a plausible typing distance of <paramref name="name"/>, nearest first,
    /// at most <paramref name="max"/>. Empty when nothing is close enough to be a likely typo.
    /// </summary>
    public static IReadOnlyList<string> Likely(string name, IEnumerable<string> known, int max = 1)
    {
        // A third of the length, at least one edit: 'rat' -> 'rate', not 'soap' -> 'rest'.
        var threshold = Math.Max(1, name.Length / 3);
        return Rank(name, known).Where(c => c.Distance <= threshold).Take(max).Select(c => c.Name).ToList();
    }

    /// <summary>The <paramref name="max"/> known names nearest to <paramref name="name"/>, however far.</summary>
    public static IReadOnlyList<string> Nearest(string name, IEnumerable<string> known, int max = 3) =>
        Rank(name, known).Take(max).Select(c => c.Name).ToList();

    /// <summary>"; did you mean 'rate'?" or nothing, ready to append to a message.</summary>
    public static string DidYouMean(string name, IEnumerable<string> known)
    {
        var likely = Likely(name, known);
        return likely.Count == 0 ? "" : $"; did you mean '{likely[0]}'?";
    }

    private static IEnumerable<(string Name, int Distance)> Rank(string name, IEnumerable<string> known) =>
        known.Distinct(StringComparer.Ordinal)
            .Select((k, order) => (Name: k, Distance: Distance(name, k), Order: order))
            .OrderBy(c => c.Distance)
            .ThenBy(c => c.Order)
            .Select(c => (c.Name, c.Distance));

    // Optimal string alignment distance, blind to case: 'MaxAge' is taken for 'maxAge'.
    private static int Distance(string a, string b)
    {
        if (string.Equals(a, b, StringComparison.OrdinalIgnoreCase))
        {
            return 0;
        }

        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = char.ToLowerInvariant(a[i - 1]) == char.ToLowerInvariant(b[j - 1]) ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
