using ArchLab.Harness.Model.Tracing;
using ScottPlot;

namespace ArchLab.Reports.Charts;

/// <summary>
/// The waterfall of two of an arm's order traces, as a tracing tool draws them: each span a bar from its start to its
/// end, in the order the spans began, the typical trace (median length) above the slowest. A trace here is the one
/// the caller started for an order (its id is the order's): where the roles did not pass it on, it ends at the edge.
/// </summary>
public static class TraceWaterfall
{
    /// <summary>The caller's traces of an arm: those holding a step span, each with its spans in start order.</summary>
    public static IReadOnlyList<IReadOnlyList<CollectedSpan>> OrderTraces(IReadOnlyList<CollectedSpan> spans) =>
        [.. spans.GroupBy(s => s.TraceId)
            .Where(g => g.Any(s => s.Order is not null) && g.Key.AsSpan(8, 8).SequenceEqual("00000000"))
            .Select(g => (IReadOnlyList<CollectedSpan>)[.. g.OrderBy(s => s.StartUnixNs).ThenBy(s => s.EndUnixNs)])];

    /// <summary>The typical (median length) and the slowest of <paramref name="traces"/>; null when there is none.</summary>
    public static (IReadOnlyList<CollectedSpan> Typical, IReadOnlyList<CollectedSpan> Slowest)? Pick(IReadOnlyList<IReadOnlyList<CollectedSpan>> traces)
    {
        if (traces.Count == 0)
        {
            return null;
        }

        var byLength = traces.OrderBy(Length).ToList();
        return (byLength[(byLength.Count - 1) / 2], byLength[^1]);
    }

    public static Plot Build(string arm, IReadOnlyList<CollectedSpan> typical, IReadOnlyList<CollectedSpan> slowest, ChartStyle style)
    {
        ArgumentNullException.ThrowIfNull(style);
        var plot = new Plot();
        style.Apply(plot, $"Traces of {arm}: a typical order and the slowest", "time since the trace's first span (ms)", "");
        var ticks = new List<Tick>();
        var row = 0;
        foreach (var (trace, label, colour) in new[] { (typical, "typical", 0), (slowest, "slowest", 1) })
        {
            var origin = trace[0].StartUnixNs;
            var bars = new List<Bar>();
            foreach (var span in trace)
            {
                var position = -row++;
                bars.Add(new Bar
                {
                    Position = position,
                    ValueBase = (span.StartUnixNs - origin) / 1e6,
                    // A span shorter than a pixel is still drawn.
                    Value = Math.Max((span.EndUnixNs - origin) / 1e6, (span.StartUnixNs - origin) / 1e6 + (Length(trace) / 1e6 / 400)),
                    Size = 0.8,
                    FillColor = ArmPalette.Of(colour),
                });
                ticks.Add(new Tick(position, $"{span.Service}: {Shorten(span.Name)}"));
            }

            var plotted = plot.Add.Bars(bars);
            plotted.Horizontal = true;
            plotted.LegendText = $"{label}: {Length(trace) / 1e6:0.##} ms, {trace.Count} spans";
            row++; // a blank row between the two traces
        }

        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual([.. ticks]);
        plot.Axes.Left.TickLabelStyle.FontSize = Math.Min(style.TickPx, 12);
        plot.Axes.Left.MajorTickStyle.Length = 0;
        plot.Axes.Margins(left: 0);
        return plot;
    }

    /// <summary>Tall enough for a readable row per span (and the gap between the traces), never less than the style's height.</summary>
    public static int HeightFor(int spans, ChartStyle style) => Math.Max(style.Height, 160 + (22 * (spans + 1)));

    private static long Length(IReadOnlyList<CollectedSpan> trace) => trace.Max(s => s.EndUnixNs) - trace.Min(s => s.StartUnixNs);

    private static string Shorten(string name) => name.Length <= 40 ? name : name[..39] + "…";
}
