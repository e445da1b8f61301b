using ScottPlot;

namespace ArchLab.Reports.Charts;

/// <summary>A chart to draw: its file name, caption and how to build its plot (called once, at render time).</summary>
public sealed record ChartSpec(string Name, string Title, Func<Plot> Build)
{
    /// <summary>Pixels, for a chart whose rows need more than the style's height; null: the style's.</summary>
    public int? Height { get; init; }
}
