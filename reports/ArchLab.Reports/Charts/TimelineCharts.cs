using ArchLab.Harness.Model.Results;
using ScottPlot;
using ScottPlot.TickGenerators;

namespace ArchLab.Reports.Charts;

/// <summary>
/// Timelines of a run with its fault windows shaded; one line per arm, in the arm's colour. Each point holds for its
/// interval (100 ms on a short run, a second on a long one), so the lines are drawn as steps across it: an outage
/// starts and ends where it did rather than on a slope between two points. Counts are drawn as rates per second.
/// </summary>
public static class TimelineCharts
{
    private static readonly Color OfferedColour = Color.FromHex("#777777");

    /// <summary>Accepted per second, one line per arm, and the offered rate once as a grey dashed line.</summary>
    public static Plot Accepted(IReadOnlyList<ArmResult> arms, ChartStyle style) =>
        Build(arms, style, "Accepted per second", "requests / s", p => p.Accepted, perSecond: true, withOffered: true);

    /// <summary>Completed per second, one line per arm, and the offered rate once as a grey dashed line.</summary>
    public static Plot Completed(IReadOnlyList<ArmResult> arms, ChartStyle style) =>
        Build(arms, style, "Completed per second", "requests / s", p => p.Completed, perSecond: true, withOffered: true);

    public static Plot Errors(IReadOnlyList<ArmResult> arms, ChartStyle style) =>
        Build(arms, style, "Errors per second", "errors / s", p => p.Errors, perSecond: true, withOffered: false);

    public static Plot Backlog(IReadOnlyList<ArmResult> arms, ChartStyle style) =>
        Build(arms, style, "Backlog held by the broker", "messages", p => p.Backlog, perSecond: false, withOffered: false);

    public static Plot LostAcked(IReadOnlyList<ArmResult> arms, ChartStyle style) =>
        Build(arms, style, "Acknowledged, then lost: orders by when they were acknowledged", "orders / s", p => p.LostAcked, perSecond: true, withOffered: false);

    /// <summary>Whether any arm lost orders it had acknowledged (the timeline says when).</summary>
    public static bool HasLostAcked(IReadOnlyList<ArmResult> arms) => arms.Any(a => a.Timeline.Any(p => p.LostAcked > 0));

    public static Plot AcceptP99(IReadOnlyList<ArmResult> arms, ChartStyle style) =>
        Build(arms, style, "Accept latency p99 per interval", "p99 (ms)", p => p.AcceptP99Ms, perSecond: false, withOffered: false);

    /// <summary>Whether any arm has a backlog figure (only brokered arms do).</summary>
    public static bool HasBacklog(IReadOnlyList<ArmResult> arms) => arms.Any(a => a.Timeline.Any(p => p.Backlog is not null));

    /// <summary>
    /// The offered rate per second in each interval, once for the run: every arm runs the same schedule, so the highest
    /// figure any arm recorded for an interval is taken (an arm that lagged behind its schedule does not pull it down).
    /// </summary>
    public static IReadOnlyList<(double T, double PerSec)> Offered(IReadOnlyList<ArmResult> arms)
    {
        ArgumentNullException.ThrowIfNull(arms);
        return arms.SelectMany(a => a.Timeline.Select(p => (p.T, PerSec: p.Offered / a.IntervalSec)))
            .GroupBy(p => p.T).Select(g => (g.Key, g.Max(p => p.PerSec))).OrderBy(p => p.Key).ToList();
    }

    private static Plot Build(
        IReadOnlyList<ArmResult> arms,
        ChartStyle style,
        string title,
        string yLabel,
        Func<TimelinePoint, double?> value,
        bool perSecond,
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
            // A null is an interval where the figure does not apply: it is left out, not drawn as zero.
            var arm = arms[i];
            var points = arm.Timeline.Where(p => value(p) is not null)
                .Select(p => (p.T, Y: value(p)!.Value / (perSecond ? arm.IntervalSec : 1))).ToList();
            if (points.Count == 0)
            {
                continue;
            }

            var line = Steps(plot, points, arm.IntervalSec, ArmPalette.Of(i));
            line.LineWidth = style.LineWidth;
            line.LegendText = arm.Name;
            max = Math.Max(max, points.Max(p => p.Y));
            end = Math.Max(end, points[^1].T + arm.IntervalSec);
        }

        if (withOffered && Offered(arms) is { Count: > 0 } offered)
        {
            // Drawn last, thinner and dashed: an arm that accepts everything shows through the gaps.
            var interval = arms.Min(a => a.IntervalSec);
            var line = Steps(plot, offered, interval, OfferedColour);
            line.LineWidth = Math.Max(1, style.LineWidth * 0.8f);
            line.LinePattern = LinePattern.Dashed;
            line.LegendText = "offered";
            max = Math.Max(max, offered.Max(p => p.PerSec));
            end = Math.Max(end, offered[^1].T + interval);
        }

        var bands = FaultShading.Bands(arms, end);
        var right = Math.Max(end, bands.Select(b => b.EndSec).DefaultIfEmpty(0).Max());
        var rows = FaultShading.Rows(bands, right, style);

        // The y axis starts at 0; above the data, room for a little air and for the rows of fault labels, so no label sits on a line.
        var labelRows = rows.Count == 0 ? 0 : rows.Max() + 1;
        var top = Math.Max(1, max) / (1 - 0.05 - (labelRows * FaultShading.RowFraction(style)));
        FaultShading.Add(plot, bands, rows, top, style);
        plot.Axes.SetLimitsY(0, top);

        // Whole-second ticks, never 0.5 s, whatever the intervals.
        plot.Axes.Bottom.TickGenerator = new NumericAutomatic { IntegerTicksOnly = true };
        return plot;
    }

    /// <summary>A value held across each interval [t, t + interval): a horizontal step per point, closed at the last interval's end.</summary>
    private static ScottPlot.Plottables.Scatter Steps(Plot plot, IReadOnlyList<(double T, double Y)> points, double interval, Color colour)
    {
        var xs = points.Select(p => p.T).Append(points[^1].T + interval).ToArray();
        var ys = points.Select(p => p.Y).Append(points[^1].Y).ToArray();
        var line = plot.Add.ScatterLine(xs, ys, colour);
        line.ConnectStyle = ConnectStyle.StepHorizontal;
        return line;
    }
}
