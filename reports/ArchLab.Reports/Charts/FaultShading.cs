using ArchLab.Harness.Model.Results;
using ScottPlot;

namespace ArchLab.Reports.Charts;

/// <summary>Shades every fault window on a timeline and labels it with its kind and target, so a dip is read next to its cause.</summary>
public static class FaultShading
{
    private static readonly Color Shade = Color.FromHex("#999999").WithAlpha(0.22);

    /// <summary>The windows of every arm, each once (arms of a run usually share them).</summary>
    public static IReadOnlyList<FaultWindow> Distinct(IEnumerable<ArmResult> arms) =>
        arms.SelectMany(a => a.Faults).Distinct().OrderBy(f => f.StartSec).ThenBy(f => f.Target, StringComparer.Ordinal).ToList();

    /// <param name="plot">The timeline.</param>
    /// <param name="faults">Windows to shade; an open window runs to <paramref name="endSec"/>.</param>
    /// <param name="endSec">The last second of the timeline.</param>
    /// <param name="top">The y at which labels are written (the top of the data).</param>
    /// <param name="style">Sizes.</param>
    public static void Add(Plot plot, IReadOnlyList<FaultWindow> faults, double endSec, double top, ChartStyle style)
    {
        ArgumentNullException.ThrowIfNull(plot);
        ArgumentNullException.ThrowIfNull(faults);
        ArgumentNullException.ThrowIfNull(style);
        for (var i = 0; i < faults.Count; i++)
        {
            var fault = faults[i];
            var span = plot.Add.HorizontalSpan(fault.StartSec, fault.EndSec ?? endSec, Shade);
            span.LineStyle.Width = 0;

            // Labels of overlapping windows are stepped down so they do not print over each other.
            var label = plot.Add.Text($"{fault.Kind} {fault.Target}", fault.StartSec, top * (1 - 0.07 * (i % 4)));
            label.LabelFontSize = style.TickPx;
            label.LabelFontColor = Color.FromHex("#333333");
            label.LabelAlignment = Alignment.UpperLeft;
        }
    }
}
