using System.Globalization;
using System.Text;
using ArchLab.Hlog.Codec;
using HdrHistogram;

namespace ArchLab.Hlog;

/// <summary>
/// Writes an HdrHistogram interval log as Java's <c>HistogramLogWriter</c> does, so HdrHistogram's own tools
/// (<c>HistogramLogProcessor</c>, hdr-histogram-js) read it: ASCII lines; a
/// <c>#[StartTime]</c> and an equal <c>#[BaseTime]</c>; then one line per interval with its start in seconds after the
/// base time, its length, its maximum and the histogram in <see cref="CompressedHistogram"/> form, base64.
/// Values are microseconds, so the maximum column is written in milliseconds.
/// </summary>
public sealed class IntervalLogWriter : IDisposable
{
    public const string FormatVersion = "1.3";

    private const double MicrosecondsPerMillisecond = 1000.0;

    private readonly StreamWriter _writer;

    /// <summary>Creates (or replaces) the file at <paramref name="path"/> and writes the header.</summary>
    /// <param name="start">The log's start: no interval may start before it. Kept to the millisecond.</param>
    public IntervalLogWriter(string path, DateTimeOffset start)
        : this(new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read), start, leaveOpen: false)
    {
    }

    /// <summary>Writes the header to <paramref name="stream"/>.</summary>
    /// <param name="start">The log's start: no interval may start before it. Kept to the millisecond.</param>
    public IntervalLogWriter(Stream stream, DateTimeOffset start, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        StartUnixMs = start.ToUnixTimeMilliseconds();
        _writer = new StreamWriter(stream, Encoding.ASCII, bufferSize: 4096, leaveOpen) { NewLine = "\n" };
        var seconds = Seconds(StartUnixMs);
        _writer.WriteLine("#[Histogram log format version " + FormatVersion + "]");
        _writer.WriteLine("#[Values in microseconds, Interval_Max in milliseconds]");
        _writer.WriteLine($"#[StartTime: {seconds} (seconds since epoch), {DateTimeOffset.FromUnixTimeMilliseconds(StartUnixMs):yyyy-MM-ddTHH:mm:ss.fffZ}]");
        _writer.WriteLine($"#[BaseTime: {seconds} (seconds since epoch)]");
        _writer.WriteLine("\"StartTimestamp\",\"Interval_Length\",\"Interval_Max\",\"Interval_Compressed_Histogram\"");
        _writer.Flush();
    }

    /// <summary>The start and base time, in milliseconds since the Unix epoch.</summary>
    public long StartUnixMs { get; }

    /// <summary>
    /// Appends one interval, stamped by the histogram's <c>StartTimeStamp</c> and <c>EndTimeStamp</c> (milliseconds
    /// since the Unix epoch), and flushes it, so a reader sees every closed interval while the run goes on.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The interval starts before the log, or ends before it starts.</exception>
    public void Append(HistogramBase interval)
    {
        ArgumentNullException.ThrowIfNull(interval);
        // HistogramLogProcessor skips an interval that starts before the log's start time: refuse to write one.
        ArgumentOutOfRangeException.ThrowIfLessThan(interval.StartTimeStamp, StartUnixMs, nameof(interval));
        ArgumentOutOfRangeException.ThrowIfLessThan(interval.EndTimeStamp, interval.StartTimeStamp, nameof(interval));
        var start = Seconds(interval.StartTimeStamp - StartUnixMs);
        var length = Seconds(interval.EndTimeStamp - interval.StartTimeStamp);
        var max = (interval.GetMaxValue() / MicrosecondsPerMillisecond).ToString("F3", CultureInfo.InvariantCulture);
        _writer.WriteLine($"{start},{length},{max},{Convert.ToBase64String(CompressedHistogram.Encode(interval))}");
        _writer.Flush();
    }

    public void Dispose() => _writer.Dispose();

    // Whole milliseconds as seconds with three decimals, exactly (no binary fraction is rounded).
    private static string Seconds(long milliseconds) =>
        (milliseconds / 1000M).ToString("F3", CultureInfo.InvariantCulture);
}
