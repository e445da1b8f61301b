using ArchLab.Harness.Model.Results;
using ScottPlot;
using ScottPlot.TickGenerators;

namespace ArchLab.Reports.Charts;

/// <summary>Per-second timelines of a run with its fault windows shaded; one line per arm, in the arm's colour.</summary>
public static class TimelineCharts
{
    private static readonly Color OfferedColour = Color.FromHex("#777777");

    /// <summary>Accepted per second, one line per arm, and the offered rate once as a grey dashed line.</summary>
    public static Plot Accepted(IReadOnlyList<ArmResult> arms, ChartStyle style) =>
        Build(arms, style, "Accepted per second", "requests / s", p => p.Accepted, withOffered: true);

    /// <summary>Completed per second, one line per arm, and the offered rate once as a grey dashed line.</summary>
    public static Plot Completed(IReadOnlyList<ArmResult> arms, ChartStyle style) =>
        Build(arms, style, "Completed per second", "requests / s", p => p.Completed, withOffered: true);

    public static Plot Errors(IReadOnlyList<ArmResult> arms, ChartStyle style) =>
        Build(arms, style, "Errors per second", "errors / s", p => p.Errors, withOffered: false);

    public static Plot Backlog(IReadOnlyList<ArmResult> arms, ChartStyle style) =>
        Build(arms, style, "Backlog held by the broker", "messages", p => p.Backlog, withOffered: false);

    public static Plot AcceptP99(IReadOnlyList<ArmResult> arms, ChartStyle style) =>
        Build(arms, style, "Accept latency p99 per second", "p99 (ms)", p => p.AcceptP99Ms, withOffered: false);

    /// <summary>Whether any arm has a backlog figure (only brokered arms do).</summary>
    public static bool HasBacklog(IReadOnlyList<ArmResult> arms) => arms.Any(a => a.Timeline.Any(p => p.Backlog is not null));

    /// <summary>
    /// The offered rate per second, once for the run: every arm runs the same schedule, so the highest figure any
    /// arm recorded for a second is taken (an arm that lagged behind its schedule does not pull it down).
    /// </summary>
    public static IReadOnlyList<(int T, long Offered)> Offered(IReadOnlyList<ArmResult> arms)
    {
        ArgumentNullException.ThrowIfNull(arms);
        return arms.SelectMany(a => a.Timeline).GroupBy(p => p.T).Select(g => (g.Key, g.Max(p => p.Offered))).OrderBy(p => p.Key).ToList();
    }

    private static Plot Build(
        IReadOnlyList<ArmResult> arms,
        ChartStyle style,
        string title,
        string yLabel,
        Func<TimelinePoint, double?> value,
        bool withOffered)
    {
        ArgumentNullException.ThrowIfNull(arms);
        ArgumentNullException.ThrowIfNull(style);
        var plot = new Plot();
        style.Apply(plot, title, "seconds since the start of the measured window", yLabel);
        var max = 0.0;
        var end = 0.0;
        for (var i = 0; i < arms.Count; i++)
        {
            // A null is a second where the figure does not apply: it is left out, not drawn as zero.
            var points = arms[i].Timeline.Where(p => value(p) is not null).ToList();
            if (points.Count == 0)
            {
                continue;
            }

            var ys = points.Select(p => value(p)!.Value).ToArray();
            var line = plot.Add.ScatterLine(points.Select(p => (double)p.T).ToArray(), ys, ArmPalette.Of(i));
            line.LineWidth = style.LineWidth;
            line.LegendText = arms[i].Name;
            max = Math.Max(max, ys.Max());
            end = Math.Max(end, points[^1].T);
        }

        if (withOffered && Offered(arms) is { Count: > 0 } offered)
        {
            // Drawn last, thinner and dashed: an arm that accepts everything shows through the gaps.
            var line = plot.Add.ScatterLine(offered.Select(p => (double)p.T).ToArray(), offered.Select(p => (double)p.Offered).ToArray(), OfferedColour);
            line.LineWidth = Math.Max(1, style.LineWidth * 0.8f);
            line.LinePattern = LinePattern.Dashed;
            line.LegendText = "offered";
            max = Math.Max(max, offered.Max(p => p.Offered));
            end = Math.Max(end, offered[^1].T);
        }

        var bands = FaultShading.Bands(arms, end);
        var right = Math.Max(end, bands.Select(b => b.EndSec).DefaultIfEmpty(0).Max());
        var rows = FaultShading.Rows(bands, right, style);

        // The y axis starts at 0; above the data, room for a little air and for the rows of fault labels, so no label sits on a line.
        var labelRows = rows.Count == 0 ? 0 : rows.Max() + 1;
        var top = Math.Max(1, max) / (1 - 0.05 - (labelRows * FaultShading.RowFraction(style)));
        FaultShading.Add(plot, bands, rows, top, style);
        plot.Axes.SetLimitsY(0, top);

        // Per-second data: whole-second ticks, never 0.5 s.
        plot.Axes.Bottom.TickGenerator = new NumericAutomatic { IntegerTicksOnly = true };
        return plot;
    }
}
