using ScottPlot;
using SkiaSharp;

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

    /// <summary>Sans-serif families to use, best first; the first one installed wins.</summary>
    public static IReadOnlyList<string> FontPreference { get; } = ["DejaVu Sans", "Liberation Sans", "Noto Sans", "Arial", "Helvetica"];

    /// <summary>
    /// The font family of every chart, chosen once: the first of <see cref="FontPreference"/> installed here, else
    /// ScottPlot's own sans-serif pick. ScottPlot's default would otherwise resolve to a serif face on some Linux machines.
    /// </summary>
    public static string FontFamily { get; } = PickFont();

    /// <summary>The first of <paramref name="preference"/> in <paramref name="installed"/> (ignoring case), else <paramref name="fallback"/>.</summary>
    public static string PickFont(IEnumerable<string> preference, IEnumerable<string> installed, string fallback)
    {
        ArgumentNullException.ThrowIfNull(preference);
        var set = new HashSet<string>(installed, StringComparer.OrdinalIgnoreCase);
        return preference.FirstOrDefault(set.Contains) ?? fallback;
    }

    private static string PickFont()
    {
        try
        {
            return PickFont(FontPreference, SKFontManager.Default.GetFontFamilies(), Fonts.Sans);
        }
#pragma warning disable CA1031 // no font list is no reason to lose the charts: ScottPlot's default still draws
        catch (Exception)
#pragma warning restore CA1031
        {
            return Fonts.Default;
        }
    }

    /// <summary>Font, title, axis labels and type sizes; the legend goes outside the data on the right so it hides no line.</summary>
    public void Apply(Plot plot, string title, string xLabel, string yLabel)
    {
        ArgumentNullException.ThrowIfNull(plot);
        plot.Font.Set(FontFamily);
        plot.Title(title, TitlePx);
        plot.XLabel(xLabel, AxisLabelPx);
        plot.YLabel(yLabel, AxisLabelPx);
        plot.Axes.Bottom.TickLabelStyle.FontSize = TickPx;
        plot.Axes.Left.TickLabelStyle.FontSize = TickPx;
        plot.Legend.FontSize = LegendPx;
        plot.ShowLegend(Edge.Right);
    }
}
