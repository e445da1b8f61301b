using ArchLab.Harness.Model.Results;

namespace ArchLab.Reports.Compare;

public enum Verdict
{
    Better,
    Worse,
    WithinNoise,

    /// <summary>The metric applies to one run only (null in the other).</summary>
    NotComparable,
}

/// <summary>One metric of one arm in run A and run B.</summary>
/// <param name="Change">B relative to A (0.25 is +25%); null when A is 0 or either is missing.</param>
public sealed record MetricChange(string Arm, CompareMetric Metric, double? A, double? B, double? Change, Verdict Verdict);

/// <summary>Two runs side by side: the arms both have, metric by metric, and the arms only one has.</summary>
public sealed record RunComparison(string NameA, string NameB, string Scenario, IReadOnlyList<MetricChange> Changes, IReadOnlyList<string> OnlyInA, IReadOnlyList<string> OnlyInB)
{
    public int Worse => Changes.Count(c => c.Verdict == Verdict.Worse);

    public int Better => Changes.Count(c => c.Verdict == Verdict.Better);

    public static RunComparison Of(RunResults a, RunResults b, string nameA, string nameB)
    {
        var changes = new List<MetricChange>();
        foreach (var armA in a.Arms)
        {
            if (b.Arms.FirstOrDefault(x => x.Name == armA.Name) is not { } armB)
            {
                continue;
            }

            foreach (var metric in CompareMetric.All)
            {
                var (valueA, valueB) = (metric.Read(armA), metric.Read(armB));
                if (valueA is null && valueB is null)
                {
                    continue; // applies to neither run: nothing to say
                }

                changes.Add(new MetricChange(armA.Name, metric, valueA, valueB, Relative(valueA, valueB), Judge(metric, valueA, valueB)));
            }
        }

        var scenario = a.Scenario == b.Scenario ? a.Scenario : $"{a.Scenario} / {b.Scenario}";
        return new RunComparison(nameA, nameB, scenario, changes,
            [.. a.Arms.Select(x => x.Name).Except(b.Arms.Select(x => x.Name))],
            [.. b.Arms.Select(x => x.Name).Except(a.Arms.Select(x => x.Name))]);
    }

    public static Verdict Judge(CompareMetric metric, double? a, double? b)
    {
        if (a is not { } x || b is not { } y)
        {
            return Verdict.NotComparable;
        }

        var delta = y - x;
        if (Math.Abs(delta) <= metric.NoiseFor(x))
        {
            return Verdict.WithinNoise;
        }

        var improved = metric.Better == Compare.Better.Lower ? delta < 0 : delta > 0;
        return improved ? Verdict.Better : Verdict.Worse;
    }

    private static double? Relative(double? a, double? b) => a is { } x && b is { } y && x != 0 ? (y - x) / Math.Abs(x) : null;
}
