using System.Diagnostics;
using ArchLab.Hlog;
using HdrHistogram;

namespace ArchLab.Load.Recording;

/// <summary>
/// Every latency in this library is an HdrHistogram of microseconds with the same range and precision,
/// so any two of them can be merged.
/// </summary>
public static class Histograms
{
    /// <summary>One hour, in microseconds: larger values are recorded as this, never thrown on.</summary>
    public const long HighestMicroseconds = 3_600_000_000;

    /// <summary>Three significant digits: 0.1% resolution at any magnitude.</summary>
    public const int SignificantDigits = 3;

    private static readonly double MicrosecondsPerTick = 1_000_000.0 / Stopwatch.Frequency;

    /// <summary>An empty histogram of microseconds with the library's range.</summary>
    public static HistogramBase Create() => new LongHistogram(1, HighestMicroseconds, SignificantDigits);

    /// <summary>Clamps to [0, <see cref="HighestMicroseconds"/>]: a negative or huge value must not stop a run.</summary>
    public static long Clamp(long microseconds) => Math.Clamp(microseconds, 0, HighestMicroseconds);

    /// <summary>A <see cref="Stopwatch"/> tick difference in whole microseconds, clamped.</summary>
    public static long TicksToMicroseconds(long ticks) =>
        ticks <= 0 ? 0 : Clamp((long)Math.Min(ticks * MicrosecondsPerTick, HighestMicroseconds));

    /// <summary>Adds every histogram into a new one (HdrHistogram's <c>Add</c>); the inputs are left as they are.</summary>
    public static HistogramBase Merge(IEnumerable<HistogramBase> histograms)
    {
        ArgumentNullException.ThrowIfNull(histograms);
        var total = Create();
        foreach (var histogram in histograms)
        {
            total.Add(histogram);
        }

        return total;
    }

    /// <summary>Reads an <c>.hlog</c> file and merges its intervals into one histogram.</summary>
    /// <exception cref="InvalidDataException">The file is not an interval log.</exception>
    public static HistogramBase ReadLog(string path) => Merge(IntervalLogReader.Read(path).Intervals);
}
