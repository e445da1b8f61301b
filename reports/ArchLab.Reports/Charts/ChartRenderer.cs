using ScottPlot;

namespace ArchLab.Reports.Charts;

/// <summary>Draws charts into <c>charts/</c> as PNG and SVG. A chart that fails is reported, never thrown: the others and the results must survive it.</summary>
public static class ChartRenderer
{
    public static ChartFile Render(ChartSpec spec, string runFolder, ChartStyle style)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(style);
        var chart = new ChartFile(spec.Name, spec.Title);
        try
        {
            Directory.CreateDirectory(Path.Combine(runFolder, ChartFile.Folder));
            using var plot = spec.Build();
            var height = spec.Height ?? style.Height;
            plot.SavePng(Path.Combine(runFolder, chart.PngPath), style.Width, height);
            // Skia's SVG canvas draws no dashes (it prints "Unsupported path effect" to the terminal and draws the line
            // solid): the SVG gets solid lines on purpose, silently; the PNG keeps its dashes.
            foreach (var line in plot.PlottableList.OfType<IHasLine>())
            {
                line.LineStyle.Pattern = LinePattern.Solid;
            }

            plot.SaveSvg(Path.Combine(runFolder, chart.SvgPath), style.Width, height);
            return chart;
        }
#pragma warning disable CA1031 // any failure of one chart becomes a line in the report; the run's results are worth more than one picture
        catch (Exception e)
#pragma warning restore CA1031
        {
            return chart with { Error = $"{e.GetType().Name}: {e.Message}" };
        }
    }

    /// <summary>Draws every chart; independent charts are drawn in parallel (each plot is its own object).</summary>
    public static IReadOnlyList<ChartFile> RenderAll(IReadOnlyList<ChartSpec> specs, string runFolder, ChartStyle style)
    {
        ArgumentNullException.ThrowIfNull(specs);
        var files = new ChartFile[specs.Count];
        Parallel.For(0, specs.Count, i => files[i] = Render(specs[i], runFolder, style));
        return files;
    }
}
