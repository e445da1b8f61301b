using ArchLab.Harness.Model.Results;
using HdrHistogram;

namespace ArchLab.Harness.Model.Semantics;

/// <summary>Latencies as every figure reads them: HdrHistograms of microseconds, summarised in milliseconds.</summary>
public static class Latency
{
    /// <summary>One hour in microseconds: larger values are recorded as this.</summary>
    public const long HighestMicros = 3_600_000_000;

    /// <summary>Three significant digits: 0.1% resolution at any magnitude.</summary>
    public const int SignificantDigits = 3;

    public static LongHistogram NewHistogram() => new(1, HighestMicros, SignificantDigits);

    /// <summary>A span of seconds in whole microseconds, kept within what a histogram holds.</summary>
    public static long Micros(double seconds) => Math.Clamp((long)Math.Round(seconds * 1e6), 0, HighestMicros);

    /// <summary>The summary of a histogram of microseconds; null when it holds no value, since a figure of 0 would lie.</summary>
    public static LatencySummary? Summarise(HistogramBase histogram)
    {
        ArgumentNullException.ThrowIfNull(histogram);
        return histogram.TotalCount == 0 ? null : new LatencySummary(
            histogram.TotalCount,
            Round(histogram.GetMean() / 1000),
            Ms(histogram, 50),
            Ms(histogram, 90),
            Ms(histogram, 99),
            Ms(histogram, 99.9),
            Round(histogram.GetMaxValue() / 1000.0));
    }

    /// <summary>The p99 of one interval's histogram in milliseconds; null when nothing was recorded in it.</summary>
    public static double? P99Ms(HistogramBase interval)
    {
        ArgumentNullException.ThrowIfNull(interval);
        return interval.TotalCount == 0 ? null : Ms(interval, 99);
    }

    public static double Round(double value) => Math.Round(value, 3);

    private static double Ms(HistogramBase histogram, double percentile) => Round(histogram.GetValueAtPercentile(percentile) / 1000.0);
}
