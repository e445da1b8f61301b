using ArchLab.Harness.Model.Results;
using ScottPlot;

namespace ArchLab.Reports.Charts;

/// <summary>One fault as a timeline shows it: the union of the windows every arm recorded for it.</summary>
/// <param name="Kind">e.g. <c>kill</c>.</param>
/// <param name="Target">e.g. <c>payment</c>.</param>
/// <param name="StartSec">Earliest start of the windows merged into this band.</param>
/// <param name="EndSec">Latest end; an open window runs to the end of the timeline.</param>
public sealed record FaultBand(string Kind, string Target, double StartSec, double EndSec)
{
    public string Label => $"{Kind} {Target}";
}

/// <summary>Shades every fault on a timeline once and labels it with its kind and target, so a dip is read next to its cause.</summary>
public static class FaultShading
{
    private static readonly Color Fill = Color.FromHex("#808080").WithAlpha(0.12);
    private static readonly Color Edge = Color.FromHex("#666666").WithAlpha(0.7);
    private static readonly Color LabelColour = Color.FromHex("#333333");

    /// <summary>
    /// The windows of every arm as bands: windows of the same kind and target whose spans overlap (each arm
    /// records the same fault with slightly different real times) become one band, their union. Distinct faults
    /// stay apart. Ordered by start.
    /// </summary>
    /// <param name="arms">The run's arms.</param>
    /// <param name="endSec">Where an open window ends: the last second of the timeline.</param>
    public static IReadOnlyList<FaultBand> Bands(IEnumerable<ArmResult> arms, double endSec)
    {
        ArgumentNullException.ThrowIfNull(arms);
        var bands = new List<FaultBand>();
        var byFault = arms.SelectMany(a => a.Faults).GroupBy(f => (f.Kind, f.Target));
        foreach (var fault in byFault)
        {
            FaultBand? current = null;
            foreach (var w in fault.Select(f => (Start: f.StartSec, End: Math.Max(f.StartSec, f.EndSec ?? endSec))).OrderBy(w => w.Start))
            {
                if (current is not null && w.Start <= current.EndSec)
                {
                    current = current with { EndSec = Math.Max(current.EndSec, w.End) };
                    continue;
                }

                if (current is not null)
                {
                    bands.Add(current);
                }

                current = new FaultBand(fault.Key.Kind, fault.Key.Target, w.Start, w.End);
            }

            if (current is not null)
            {
                bands.Add(current);
            }
        }

        return bands.OrderBy(b => b.StartSec).ThenBy(b => b.Kind, StringComparer.Ordinal).ThenBy(b => b.Target, StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// The label row of each band (0 is the top row): a label goes on the highest row where it does not run
    /// into the label before it, its width estimated from its length, the type size and the seconds per pixel.
    /// </summary>
    /// <param name="bands">As <see cref="Bands"/> returns them, ordered by start.</param>
    /// <param name="secondsShown">Width of the x axis in seconds.</param>
    /// <param name="style">Sizes.</param>
    public static IReadOnlyList<int> Rows(IReadOnlyList<FaultBand> bands, double secondsShown, ChartStyle style)
    {
        ArgumentNullException.ThrowIfNull(bands);
        ArgumentNullException.ThrowIfNull(style);

        // The data area is about 70% of the image once the axis labels and the legend on the right are taken out.
        var secondsPerPixel = Math.Max(secondsShown, 1) / (style.Width * 0.7);
        var rowEnds = new List<double>();
        var rows = new int[bands.Count];
        for (var i = 0; i < bands.Count; i++)
        {
            var start = bands[i].StartSec;
            var end = start + (((bands[i].Label.Length + 1) * style.TickPx * 0.62) + LabelOffsetPx) * secondsPerPixel;
            var row = rowEnds.FindIndex(e => e < start);
            if (row < 0)
            {
                row = rowEnds.Count;
                rowEnds.Add(end);
            }
            else
            {
                rowEnds[row] = end;
            }

            rows[i] = row;
        }

        return rows;
    }

    /// <summary>Height of one row of labels as a fraction of the y axis.</summary>
    public static double RowFraction(ChartStyle style)
    {
        ArgumentNullException.ThrowIfNull(style);

        // The data area is about 80% of the image height.
        return style.TickPx * 1.5 / (style.Height * 0.8);
    }

    /// <param name="plot">The timeline.</param>
    /// <param name="bands">Faults to shade, as <see cref="Bands"/> returns them.</param>
    /// <param name="rows">The label row of each band, as <see cref="Rows"/> returns them.</param>
    /// <param name="top">The top of the y axis; labels hang from it, a row lower each.</param>
    /// <param name="style">Sizes.</param>
    public static void Add(Plot plot, IReadOnlyList<FaultBand> bands, IReadOnlyList<int> rows, double top, ChartStyle style)
    {
        ArgumentNullException.ThrowIfNull(plot);
        ArgumentNullException.ThrowIfNull(bands);
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(style);
        var step = RowFraction(style) * top;
        for (var i = 0; i < bands.Count; i++)
        {
            var band = bands[i];
            var span = plot.Add.HorizontalSpan(band.StartSec, band.EndSec, Fill);
            span.LineStyle.Width = 1;
            span.LineStyle.Color = Edge;

            var label = plot.Add.Text(band.Label, band.StartSec, top - (step * rows[i]) - (step * 0.15));
            label.LabelFontSize = style.TickPx;
            label.LabelFontName = ChartStyle.FontFamily;
            label.LabelFontColor = LabelColour;
            label.LabelAlignment = Alignment.UpperLeft;
            label.LabelOffsetX = LabelOffsetPx;
        }
    }

    private const float LabelOffsetPx = 4;
}
