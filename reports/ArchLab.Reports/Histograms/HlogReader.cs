using HdrHistogram;

namespace ArchLab.Reports.Histograms;

/// <summary>
/// Reads an HdrHistogram interval log with the package's own reader (it knows the writer's text encoding and
/// compressed histogram format) and sums its intervals. The harness writes one interval per second of the
/// measured window and nothing else, so the sum is the measured window.
/// </summary>
public static class HlogReader
{
    /// <summary>The sum of every interval in the file, values in microseconds; null when the file is missing.</summary>
    public static HistogramBase? TryReadSum(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        using var stream = File.OpenRead(path);
        using var reader = new HistogramLogReader(stream);
        HistogramBase? total = null;
        foreach (var interval in reader.ReadHistograms())
        {
            if (total is null)
            {
                total = interval.Copy();
            }
            else
            {
                total.Add(interval);
            }
        }

        // A log with a header and no interval (nothing was recorded) is an empty histogram, not a missing file.
        return total ?? new LongHistogram(1, 3_600_000_000, 3);
    }
}
