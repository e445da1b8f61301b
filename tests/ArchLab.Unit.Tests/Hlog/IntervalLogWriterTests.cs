using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using ArchLab.Harness.Model.Results;
using ArchLab.Harness.Model.Semantics;
using ArchLab.Hlog;
using ArchLab.Hlog.Codec;
using ArchLab.JavaHdrHistogram;
using ArchLab.Load.Recording;
using HdrHistogram;

namespace ArchLab.Unit.Tests.Hlog;

/// <summary>Logs written by our writer, read by HdrHistogram's own Java library and its HistogramLogProcessor.</summary>
public sealed class IntervalLogWriterTests : IDisposable
{
    private static readonly DateTimeOffset Start = new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero).AddTicks(4_567_891); // 0.4567891 s: not a whole millisecond

    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("archlab-hlog-");

    public void Dispose() => _folder.Delete(recursive: true);

    /// <summary>Known histograms by shape: their sum as HdrHistogram.NET figures it, and the intervals to log.</summary>
    public static TheoryData<string> Shapes => ["uniform", "tail", "one value", "zeros and the top of the range", "with an empty second"];

    [Theory]
    [MemberData(nameof(Shapes))]
    public async Task Java_reads_the_counts_and_percentiles_of_known_histograms(string shape)
    {
        var intervals = Intervals(shape);
        var path = Write(shape.Replace(' ', '-') + ".hlog", intervals);
        var sum = Histograms.Merge(intervals);

        var decoded = (await JavaHlogReader.ReadAsync([path]))[path];

        Assert.Equal(intervals.Count, decoded.Intervals);
        Assert.Equal(0, decoded.FirstStartSec);
        RunLogs.AssertAgrees(shape, Summary(sum), decoded);
    }

    [Fact]
    public async Task HistogramLogProcessor_counts_every_value_of_every_interval_from_the_first()
    {
        var intervals = Intervals("uniform");
        var path = Write("processor.hlog", intervals);

        var output = await JavaHlogReader.ProcessAsync(path);

        // Its footer: "#[Max     =        0.010, Total count    =        30000]" (the maximum scaled by its default ratio).
        var footer = output.Split('\n').Single(l => l.StartsWith("#[Max", StringComparison.Ordinal));
        Assert.EndsWith($"Total count    = {intervals.Sum(i => i.TotalCount),12}]", footer.TrimEnd(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_log_is_ascii_with_start_and_base_time_and_relative_interval_starts()
    {
        var path = Write("layout.hlog", Intervals("uniform"));

        var bytes = File.ReadAllBytes(path);
        Assert.All(bytes, b => Assert.InRange(b, (byte)'\n', (byte)0x7E)); // no byte-order mark, no UTF-16
        var lines = Encoding.ASCII.GetString(bytes).Split('\n');
        Assert.Equal("#[Histogram log format version 1.3]", lines[0]);
        Assert.StartsWith("#[StartTime: 1748779200.456 (seconds since epoch), 2025-06-01T12:00:00.456Z]", lines[2], StringComparison.Ordinal);
        Assert.Equal("#[BaseTime: 1748779200.456 (seconds since epoch)]", lines[3]);
        Assert.Equal("\"StartTimestamp\",\"Interval_Length\",\"Interval_Max\",\"Interval_Compressed_Histogram\"", lines[4]);
        Assert.StartsWith("0.000,1.000,", lines[5], StringComparison.Ordinal);
        Assert.StartsWith("2.000,0.500,", lines[7], StringComparison.Ordinal);
    }

    [Fact]
    public void Each_histogram_is_a_complete_zlib_stream_whose_Adler32_checks()
    {
        var path = Write("zlib.hlog", Intervals("tail"));

        foreach (var line in File.ReadAllLines(path).Where(l => !l.StartsWith('#') && !l.StartsWith('"')))
        {
            var encoded = Convert.FromBase64String(line.Split(',')[3]);
            Assert.Equal(0x1c849314, BinaryPrimitives.ReadInt32BigEndian(encoded)); // V2 compressed, as Java writes it
            Assert.Equal(encoded.Length - 8, BinaryPrimitives.ReadInt32BigEndian(encoded.AsSpan(4)));
            var zlib = encoded.AsSpan(8);
            Assert.Equal(0, ((zlib[0] << 8) | zlib[1]) % 31); // a zlib header
            Assert.Equal(8, zlib[0] & 0x0F); // deflate
            using var inflated = new MemoryStream();
            using (var inflate = new DeflateStream(new MemoryStream(zlib[2..^4].ToArray()), CompressionMode.Decompress))
            {
                inflate.CopyTo(inflated);
            }

            Assert.Equal(Adler32(inflated.ToArray()), BinaryPrimitives.ReadUInt32BigEndian(zlib[^4..]));
            Assert.Equal(0x1c849313, BinaryPrimitives.ReadInt32BigEndian(inflated.ToArray())); // the V2 encoding inside
        }
    }

    [Fact]
    public void The_encoding_is_byte_for_byte_what_Javas_HistogramLogWriter_encodes()
    {
        // Written by HdrHistogram 2.1.11 (Java) for the values 1000, 2000 ... 100000 in a Histogram(1, 3600000000, 3).
        const string java = "HISTFAAAAFZ42pNpmSzMwMBwkwECmKE0I4i4NnkJg/0HiMB5fqaz/ExTOZiesjMtZGH6yAxFy5mYvjNiQSsZmaqZKvHgbCZrILQFk+TRukzSTLJAiCDJ4QMAfngn9g==";
        var histogram = Histograms.Create();
        for (var i = 1; i <= 100; i++)
        {
            histogram.RecordValue(i * 1000L);
        }

        Assert.Equal(Inflate(Convert.FromBase64String(java)), Inflate(CompressedHistogram.Encode(histogram)));
    }

    [Fact]
    public void An_interval_that_starts_before_the_log_is_refused()
    {
        using var writer = new IntervalLogWriter(Path.Combine(_folder.FullName, "early.hlog"), Start);
        var interval = Histograms.Create();
        interval.StartTimeStamp = writer.StartUnixMs - 1;
        interval.EndTimeStamp = writer.StartUnixMs + 999;

        Assert.Throws<ArgumentOutOfRangeException>(() => writer.Append(interval));
    }

    private string Write(string name, IReadOnlyList<HistogramBase> intervals)
    {
        var path = Path.Combine(_folder.FullName, name);
        using var writer = new IntervalLogWriter(path, Start);
        var at = Start.ToUnixTimeMilliseconds();
        foreach (var (interval, i) in intervals.Select((h, i) => (h, i)))
        {
            // One second each, the last one a partial half second, as the load engine's tail is.
            interval.StartTimeStamp = at + (i * 1000L);
            interval.EndTimeStamp = interval.StartTimeStamp + (i == intervals.Count - 1 && i > 0 ? 500 : 1000);
            writer.Append(interval);
        }

        return path;
    }

    private static List<HistogramBase> Intervals(string shape)
    {
        var random = new Random(shape.Length);
        return shape switch
        {
            "uniform" => [.. Enumerable.Range(0, 3).Select(_ => Fill(Enumerable.Range(1, 10_000).Select(v => (long)v)))],
            // Log-normal-ish around 2 ms with a tail to seconds: many buckets, long runs of empty ones.
            "tail" => [.. Enumerable.Range(0, 5).Select(_ => Fill(Enumerable.Range(0, 2000).Select(_ => (long)(2000 * Math.Exp(random.NextDouble() * random.NextDouble() * 9)))))],
            "one value" => [Fill([1234])],
            "zeros and the top of the range" => [Fill([0, 0, 0, 1, Histograms.HighestMicroseconds]), Fill([Histograms.HighestMicroseconds])],
            "with an empty second" => [Fill([500, 600]), Histograms.Create(), Fill([700, 80_000])],
            _ => throw new ArgumentOutOfRangeException(nameof(shape)),
        };
    }

    private static HistogramBase Fill(IEnumerable<long> values)
    {
        var histogram = Histograms.Create();
        foreach (var value in values)
        {
            histogram.RecordValue(value);
        }

        return histogram;
    }

    private static LatencySummary Summary(HistogramBase sum) => Latency.Summarise(sum)!;

    private static byte[] Inflate(byte[] compressedHistogram)
    {
        using var zlib = new ZLibStream(new MemoryStream(compressedHistogram, 8, compressedHistogram.Length - 8), CompressionMode.Decompress);
        using var output = new MemoryStream();
        zlib.CopyTo(output);
        return output.ToArray();
    }

    private static uint Adler32(byte[] data)
    {
        uint a = 1, b = 0;
        foreach (var d in data)
        {
            a = (a + d) % 65521;
            b = (b + a) % 65521;
        }

        return (b << 16) | a;
    }
}
