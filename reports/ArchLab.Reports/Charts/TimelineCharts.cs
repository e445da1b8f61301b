using ArchLab.Harness.Model.Results;
using ScottPlot;

namespace ArchLab.Reports.Charts;

/// <summary>Per-second timelines of a run with its fault windows shaded; one line per arm, in the arm's colour.</summary>
public static class TimelineCharts
{
    /// <summary>Offered, accepted and completed per second: one colour per arm, a dash pattern per measure.</summary>
    public static Plot Throughput(IReadOnlyList<ArmResult> arms, ChartStyle style) =>
        Build(arms, style, "Throughput per second", "requests / s",
        [
            ("offered", LinePattern.Dotted, p => p.Offered),
            ("accepted", LinePattern.Dashed, p => p.Accepted),
            ("completed", LinePattern.Solid, p => p.Completed),
        ]);

    public static Plot Errors(IReadOnlyList<ArmResult> arms, ChartStyle style) =>
        Build(arms, style, "Errors per second", "errors / s", [("errors", LinePattern.Solid, p => p.Errors)]);

    public static Plot Backlog(IReadOnlyList<ArmResult> arms, ChartStyle style) =>
        Build(arms, style, "Backlog held by the broker", "messages", [("backlog", LinePattern.Solid, p => p.Backlog)]);

    public static Plot AcceptP99(IReadOnlyList<ArmResult> arms, ChartStyle style) =>
        Build(arms, style, "Accept latency p99 per second", "p99 (ms)", [("accept p99", LinePattern.Solid, p => p.AcceptP99Ms)]);

    /// <summary>Whether any arm has a backlog figure (only brokered arms do).</summary>
    public static bool HasBacklog(IReadOnlyList<ArmResult> arms) => arms.Any(a => a.Timeline.Any(p => p.Backlog is not null));

    private static Plot Build(
        IReadOnlyList<ArmResult> arms,
        ChartStyle style,
        string title,
        string yLabel,
        IReadOnlyList<(string Measure, LinePattern Pattern, Func<TimelinePoint, double?> Value)> measures)
    {
        ArgumentNullException.ThrowIfNull(arms);
        ArgumentNullException.ThrowIfNull(style);
        var plot = new Plot();
        style.Apply(plot, title, "seconds since the start of the measured window", yLabel);
        var top = 0.0;
        var end = 0.0;
        for (var i = 0; i < arms.Count; i++)
        {
            foreach (var (measure, pattern, value) in measures)
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
                line.LinePattern = pattern;
                line.LegendText = measures.Count == 1 ? arms[i].Name : $"{arms[i].Name} {measure}";
                top = Math.Max(top, ys.Max());
                end = Math.Max(end, points[^1].T);
            }
        }

        top = Math.Max(1, top) * 1.15;
        FaultShading.Add(plot, FaultShading.Distinct(arms), end, top, style);
        plot.Axes.SetLimitsY(0, top * 1.02);
        return plot;
    }
}
