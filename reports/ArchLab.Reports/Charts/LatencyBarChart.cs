using ArchLab.Harness.Model.Results;
using ScottPlot;

namespace ArchLab.Reports.Charts;

/// <summary>p50 and p99 side by side per arm: a group per percentile, a bar per arm in the arm's colour.</summary>
public static class LatencyBarChart
{
    /// <param name="title">Chart title.</param>
    /// <param name="arms">Every arm, in run order.</param>
    /// <param name="summary">Which latency to show, e.g. accept; an arm where it is null gets no bar.</param>
    /// <param name="style">Sizes.</param>
    public static Plot Build(string title, IReadOnlyList<ArmResult> arms, Func<ArmResult, LatencySummary?> summary, ChartStyle style)
    {
        ArgumentNullException.ThrowIfNull(arms);
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(style);
        var plot = new Plot();
        style.Apply(plot, title, "percentile", "latency (ms)");
        (string Label, Func<LatencySummary, double> Value)[] groups = [("p50", s => s.P50), ("p99", s => s.P99)];
        var width = 0.8 / Math.Max(1, arms.Count);
        for (var i = 0; i < arms.Count; i++)
        {
            if (summary(arms[i]) is not { } s)
            {
                continue;
            }

            var bars = groups.Select((g, gi) => new Bar
            {
                Position = gi - 0.4 + width * (i + 0.5),
                Value = g.Value(s),
                Size = width * 0.9,
                FillColor = ArmPalette.Of(i),
            }).ToList();
            plot.Add.Bars(bars).LegendText = arms[i].Name;
        }

        plot.Axes.Bottom.SetTicks([0, 1], groups.Select(g => g.Label).ToArray());
        plot.Axes.Margins(bottom: 0);
        return plot;
    }
}
