using ScottPlot;

namespace ArchLab.Reports.Charts;

/// <summary>Size and type sizes of every chart, chosen to be read from the back of a room on a projector.</summary>
/// <param name="Width">Pixels. Default 1200.</param>
/// <param name="Height">Pixels. Default 600.</param>
/// <param name="TitlePx">Chart title, pixels. Default 24.</param>
/// <param name="AxisLabelPx">Axis labels, pixels. Default 20.</param>
/// <param name="TickPx">Tick labels, pixels. Default 16.</param>
/// <param name="LegendPx">Legend, pixels. Default 16.</param>
/// <param name="LineWidth">Series lines, pixels. Default 2.5.</param>
public sealed record ChartStyle(
    int Width = 1200,
    int Height = 600,
    float TitlePx = 24,
    float AxisLabelPx = 20,
    float TickPx = 16,
    float LegendPx = 16,
    float LineWidth = 2.5f)
{
    public static ChartStyle Default { get; } = new();

    /// <summary>Title, axis labels and type sizes; the legend goes outside the data on the right so it hides no line.</summary>
    public void Apply(Plot plot, string title, string xLabel, string yLabel)
    {
        ArgumentNullException.ThrowIfNull(plot);
        plot.Title(title, TitlePx);
        plot.XLabel(xLabel, AxisLabelPx);
        plot.YLabel(yLabel, AxisLabelPx);
        plot.Axes.Bottom.TickLabelStyle.FontSize = TickPx;
        plot.Axes.Left.TickLabelStyle.FontSize = TickPx;
        plot.Legend.FontSize = LegendPx;
        plot.ShowLegend(Edge.Right);
    }
}
