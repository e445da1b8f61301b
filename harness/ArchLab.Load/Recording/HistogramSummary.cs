using HdrHistogram;

namespace ArchLab.Load.Recording;

/// <summary>A latency histogram in a few figures, all in milliseconds: the latency summary <c>P</c> of docs/results.md.</summary>
public sealed record HistogramSummary(long Count, double Mean, double P50, double P90, double P99, double P999, double Max)
{
    private const double MicrosecondsPerMillisecond = 1000.0;

    /// <summary>Summarises a histogram of microseconds; null when it holds no value, since a figure of 0 would lie.</summary>
    public static HistogramSummary? Summarise(HistogramBase histogram)
    {
        ArgumentNullException.ThrowIfNull(histogram);
        if (histogram.TotalCount == 0)
        {
            return null;
        }

        return new HistogramSummary(
            histogram.TotalCount,
            histogram.GetMean() / MicrosecondsPerMillisecond,
            Ms(histogram, 50),
            Ms(histogram, 90),
            Ms(histogram, 99),
            Ms(histogram, 99.9),
            histogram.GetMaxValue() / MicrosecondsPerMillisecond);
    }

    private static double Ms(HistogramBase histogram, double percentile) =>
        histogram.GetValueAtPercentile(percentile) / MicrosecondsPerMillisecond;
}
