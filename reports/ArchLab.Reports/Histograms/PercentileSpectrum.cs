using HdrHistogram;

namespace ArchLab.Reports.Histograms;

/// <summary>One point of a latency spectrum: the percentile (0..100) and its latency in milliseconds.</summary>
public readonly record struct SpectrumPoint(double Percentile, double Ms)
{
    /// <summary>The x of a 1/(1-p) log axis: log10 of 1/(1-p), so 90% is 1, 99% is 2, 99.9% is 3.</summary>
    public double LogX => -Math.Log10(1 - Percentile / 100);
}

/// <summary>The latency at each percentile from 0 to as far into the tail as the sample count supports.</summary>
public static class PercentileSpectrum
{
    /// <summary>Points per decade of the 1/(1-p) axis: smooth enough on a 1200 px chart.</summary>
    private const int PointsPerDecade = 20;

    /// <summary>The spectrum of a histogram of microseconds; empty when it holds nothing.</summary>
    public static IReadOnlyList<SpectrumPoint> Of(HistogramBase histogram)
    {
        ArgumentNullException.ThrowIfNull(histogram);
        var count = histogram.TotalCount;
        if (count == 0)
        {
            return [];
        }

        // Beyond 1 - 1/count the tail is a single sample: the last point is the maximum.
        var deepest = Math.Log10(count);
        var points = new List<SpectrumPoint>();
        for (var i = 0; i * 1.0 / PointsPerDecade < deepest; i++)
        {
            var p = 100 * (1 - Math.Pow(10, -i * 1.0 / PointsPerDecade));
            points.Add(new SpectrumPoint(p, histogram.GetValueAtPercentile(p) / 1000.0));
        }

        points.Add(new SpectrumPoint(100 * (1 - 1.0 / Math.Max(2, count)), histogram.GetMaxValue() / 1000.0));
        return points;
    }
}
