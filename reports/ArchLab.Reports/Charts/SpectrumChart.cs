using ArchLab.Reports.Histograms;
using ScottPlot;

namespace ArchLab.Reports.Charts;

/// <summary>
/// Latency against percentile on a log 1/(1-p) axis, one line per arm: the tail, where styles differ most, gets
/// as much room as the median.
/// </summary>
public static class SpectrumChart
{
    private static readonly (double Percentile, string Label)[] Ticks =
        [(50, "50%"), (90, "90%"), (99, "99%"), (99.9, "99.9%"), (99.99, "99.99%")];

    /// <param name="title">Chart title.</param>
    /// <param name="arms">Every arm of the run, in run order (it fixes the colours); a null spectrum is an arm without this log.</param>
    /// <param name="style">Sizes.</param>
    public static Plot Build(string title, IReadOnlyList<(string Arm, IReadOnlyList<SpectrumPoint>? Points)> arms, ChartStyle style)
    {
        ArgumentNullException.ThrowIfNull(arms);
        ArgumentNullException.ThrowIfNull(style);
        var plot = new Plot();
        style.Apply(plot, title, "percentile", "latency (ms)");
        for (var i = 0; i < arms.Count; i++)
        {
            if (arms[i].Points is not { Count: > 0 } points)
            {
                continue;
            }

            var line = plot.Add.ScatterLine(points.Select(p => p.LogX).ToArray(), points.Select(p => p.Ms).ToArray(), ArmPalette.Of(i));
            line.LineWidth = style.LineWidth;
            line.LegendText = arms[i].Arm;
        }

        plot.Axes.Bottom.SetTicks(
            Ticks.Select(t => new SpectrumPoint(t.Percentile, 0).LogX).ToArray(),
            Ticks.Select(t => t.Label).ToArray());
        plot.Axes.SetLimitsX(0, new SpectrumPoint(99.99, 0).LogX + 0.1);
        plot.Axes.SetLimitsY(0, Math.Max(1, arms.SelectMany(a => a.Points ?? []).Select(p => p.Ms).DefaultIfEmpty(0).Max() * 1.05));
        return plot;
    }
}
