using ArchLab.Harness.Model.Capacity;
using ScottPlot;

namespace ArchLab.Reports.Charts;

/// <summary>
/// The latency-throughput curve: one latency quantile against the offered rate, a line per arm over every window it
/// measured, and a dashed vertical line at each arm's capacity. The y axis is logarithmic: past the knee latencies
/// grow by orders of magnitude.
/// </summary>
public static class CapacityChart
{
    public static Plot Build(string title, string metric, IReadOnlyList<CapacityArm> arms, Func<CapacityStep, double?> value, ChartStyle style)
    {
        ArgumentNullException.ThrowIfNull(arms);
        ArgumentNullException.ThrowIfNull(style);
        var plot = new Plot();
        style.Apply(plot, title, "offered rate (orders/s)", $"{metric} (ms, log scale)");
        for (var i = 0; i < arms.Count; i++)
        {
            var points = arms[i].Windows.Select(w => (w.OfferedPerSec, Ms: value(w))).Where(p => p.Ms is > 0).OrderBy(p => p.OfferedPerSec).ToArray();
            if (points.Length > 0)
            {
                var line = plot.Add.Scatter(points.Select(p => p.OfferedPerSec).ToArray(), points.Select(p => Math.Log10(p.Ms!.Value)).ToArray(), ArmPalette.Of(i));
                line.LineWidth = style.LineWidth;
                line.MarkerSize = 8;
                line.LegendText = arms[i].FoundPerSec is { } found ? $"{arms[i].Arm} (capacity {found:0}/s)" : arms[i].Arm;
            }

            if (arms[i].FoundPerSec is { } capacity)
            {
                var mark = plot.Add.VerticalLine(capacity, color: ArmPalette.Of(i));
                mark.LinePattern = LinePattern.Dashed;
                mark.LineWidth = 1.5f;
            }
        }

        // Log10 values drawn, milliseconds labelled.
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic
        {
            MinorTickGenerator = new ScottPlot.TickGenerators.LogMinorTickGenerator(),
            IntegerTicksOnly = true,
            LabelFormatter = y => Math.Pow(10, y).ToString("0.###", System.Globalization.CultureInfo.InvariantCulture),
        };
        return plot;
    }
}
