using System.Globalization;
using ArchLab.Hlog.Codec;
using HdrHistogram;

namespace ArchLab.Hlog;

/// <summary>
/// Reads an HdrHistogram interval log as Java's <c>HistogramLogReader</c> does: <c>#[StartTime]</c> and
/// <c>#[BaseTime]</c> lines, other comments and the legend skipped, then interval lines of start, length, maximum and
/// compressed histogram, each after an optional <c>Tag=</c>. Logs of runs made before the standard format (UTF-16 with
/// a byte-order mark, HdrHistogram.NET's writer) are still read, with HdrHistogram.NET's reader.
/// </summary>
public static class IntervalLogReader
{
    private const string StartTimePrefix = "#[StartTime: ";
    private const string BaseTimePrefix = "#[BaseTime: ";
    private const string TagPrefix = "Tag=";

    // Java's rule for a log without #[BaseTime]: time stamps more than a year before the start time are relative.
    private const double YearSeconds = 365 * 24 * 3600.0;

    /// <exception cref="FileNotFoundException">No file at <paramref name="path"/>.</exception>
    /// <exception cref="InvalidDataException">The file is not an interval log; the message names the line.</exception>
    public static IntervalLog Read(string path) => Read(File.ReadAllBytes(path), Path.GetFileName(path));

    /// <param name="name">The log's name in error messages, e.g. its file name.</param>
    /// <exception cref="InvalidDataException">The bytes are not an interval log; the message names the line.</exception>
    public static IntervalLog Read(byte[] bytes, string name)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        return bytes is [0xFF, 0xFE, ..] or [0xFE, 0xFF, ..] ? ReadUtf16(bytes, name) : ReadText(bytes, name);
    }

    private static IntervalLog ReadText(byte[] bytes, string name)
    {
        var text = System.Text.Encoding.UTF8.GetString(bytes).TrimStart('\uFEFF');
        double? startSec = null, baseSec = null;
        var intervals = new List<HistogramBase>();
        var lineNumber = 0;
        foreach (var raw in text.Split('\n'))
        {
            lineNumber++;
            var line = raw.TrimEnd('\r');
            try
            {
                if (line.StartsWith(StartTimePrefix, StringComparison.Ordinal))
                {
                    startSec = FirstNumber(line, StartTimePrefix.Length);
                    _ = Milliseconds(startSec.Value);
                }
                else if (line.StartsWith(BaseTimePrefix, StringComparison.Ordinal))
                {
                    baseSec = FirstNumber(line, BaseTimePrefix.Length);
                }
                else if (line.Length > 0 && line[0] is not ('#' or '"'))
                {
                    var interval = Interval(line, out var stampSec, out var lengthSec);
                    startSec ??= stampSec;
                    baseSec ??= stampSec < startSec - YearSeconds ? startSec : 0.0;
                    interval.StartTimeStamp = Milliseconds(baseSec.Value + stampSec);
                    interval.EndTimeStamp = Milliseconds(baseSec.Value + stampSec + lengthSec);
                    intervals.Add(interval);
                }
            }
            catch (Exception e) when (e is FormatException or InvalidDataException or OverflowException)
            {
                throw new InvalidDataException($"{name} line {lineNumber}: {e.Message}", e);
            }
        }

        var start = startSec is { } s ? DateTimeOffset.FromUnixTimeMilliseconds(Milliseconds(s)) : (DateTimeOffset?)null;
        return new IntervalLog(start, intervals);
    }

    /// <summary>One interval line: [Tag=name,]start,length,max,base64 histogram.</summary>
    private static HistogramBase Interval(string line, out double startSec, out double lengthSec)
    {
        var fields = line.Split(',');
        string? tag = null;
        if (fields[0].StartsWith(TagPrefix, StringComparison.Ordinal))
        {
            tag = fields[0][TagPrefix.Length..];
            fields = fields[1..];
        }

        if (fields.Length != 4)
        {
            throw new InvalidDataException($"an interval line has 4 comma-separated fields (start, length, max, histogram), this one {fields.Length}");
        }

        startSec = Number(fields[0]);
        lengthSec = Number(fields[1]);
        var histogram = CompressedHistogram.Decode(Convert.FromBase64String(fields[3].Trim()));
        histogram.Tag = tag;
        return histogram;
    }

    private static double FirstNumber(string line, int from)
    {
        var end = line.IndexOf(' ', from);
        return Number(end < 0 ? line[from..].TrimEnd(']') : line[from..end]);
    }

    private static double Number(string text) =>
        double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)
            ? value
            : throw new InvalidDataException($"'{text}' is not a number");

    // Beyond about the year 5000 a time stamp is not a time stamp (and would not fit a DateTimeOffset).
    private static long Milliseconds(double seconds) => Math.Abs(seconds) < 1e11
        ? (long)Math.Round(seconds * 1000.0)
        : throw new InvalidDataException($"{seconds} s is not a time stamp");

    /// <summary>A log written by HdrHistogram.NET 2.5's <c>HistogramLogWriter</c>, as runs before the standard format
    /// have: its own reader knows that text encoding and its zlib streams without a checksum.</summary>
    private static IntervalLog ReadUtf16(byte[] bytes, string name)
    {
        try
        {
            using var reader = new HistogramLogReader(new MemoryStream(bytes));
            var intervals = reader.ReadHistograms().ToList();
            return new IntervalLog(new DateTimeOffset(DateTime.SpecifyKind(reader.GetStartTime(), DateTimeKind.Utc)), intervals);
        }
#pragma warning disable CA1031 // whatever HdrHistogram.NET throws on a damaged log, the caller gets one clear error
        catch (Exception e)
#pragma warning restore CA1031
        {
            throw new InvalidDataException($"{name}: not a readable HdrHistogram.NET interval log ({e.GetType().Name}: {e.Message})", e);
        }
    }
}
