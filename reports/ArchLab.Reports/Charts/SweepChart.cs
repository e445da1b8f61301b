using ScottPlot;

namespace ArchLab.Reports.Charts;

/// <summary>One arm's measurements across a swept parameter: (parameter value, metric value) pairs.</summary>
/// <param name="Arm">Arm name; its position in the list given to <see cref="SweepChart.Build"/> fixes its colour.</param>
/// <param name="Points">Points in any order; they are drawn sorted by parameter value.</param>
public sealed record SweepSeries(string Arm, IReadOnlyList<(double Parameter, double Value)> Points);

/// <summary>
/// A metric against a swept parameter (fan-out N, offered rate...), one line with markers per arm: the curve
/// a scenario that sweeps a parameter shows.
/// </summary>
public static class SweepChart
{
    /// <param name="title">Chart title.</param>
    /// <param name="parameter">The x axis, with its unit, e.g. <c>fan-out N</c>.</param>
    /// <param name="metric">The y axis, with its unit, e.g. <c>completion p99 (ms)</c>.</param>
    /// <param name="series">One per arm, in run order.</param>
    /// <param name="style">Sizes.</param>
    public static Plot Build(string title, string parameter, string metric, IReadOnlyList<SweepSeries> series, ChartStyle style)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(style);
        var plot = new Plot();
        style.Apply(plot, title, parameter, metric);
        for (var i = 0; i < series.Count; i++)
        {
            var points = series[i].Points.OrderBy(p => p.Parameter).ToArray();
            var line = plot.Add.Scatter(points.Select(p => p.Parameter).ToArray(), points.Select(p => p.Value).ToArray(), ArmPalette.Of(i));
            line.LineWidth = style.LineWidth;
            line.MarkerSize = 10;
            line.LegendText = series[i].Arm;
        }

        // A tick at each swept value and nowhere else: 2.5 receivers means nothing.
        var values = series.SelectMany(s => s.Points.Select(p => p.Parameter)).Distinct().Order().ToArray();
        if (values.Length > 0)
        {
            plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
                values, values.Select(v => v.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture)).ToArray());
        }

        return plot;
    }

    /// <summary>Draws the sweep into <c>charts/&lt;name&gt;.png</c> and <c>.svg</c> under <paramref name="runFolder"/>.</summary>
    public static ChartFile Write(string name, string title, string parameter, string metric, IReadOnlyList<SweepSeries> series, string runFolder, ChartStyle? style = null)
    {
        var s = style ?? ChartStyle.Default;
        return ChartRenderer.Render(new ChartSpec(name, title, () => Build(title, parameter, metric, series, s)), runFolder, s);
    }
}
