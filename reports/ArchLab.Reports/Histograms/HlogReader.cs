using ArchLab.Hlog;
using HdrHistogram;

namespace ArchLab.Reports.Histograms;

/// <summary>
/// Reads an HdrHistogram interval log (the standard format, or the UTF-16 one of runs made before it) and sums its
/// intervals. The harness writes one interval per second of the measured window and nothing else, so the sum is the
/// measured window.
/// </summary>
public static class HlogReader
{
    /// <summary>The sum of every interval in the file, values in microseconds; null when the file is missing.</summary>
    /// <exception cref="InvalidDataException">The file is not an interval log; the message names the line.</exception>
    public static HistogramBase? TryReadSum(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        HistogramBase? total = null;
        foreach (var interval in IntervalLogReader.Read(path).Intervals)
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
