using ArchLab.Hlog;
using ArchLab.Load.Recording;
using HdrHistogram;

namespace ArchLab.Unit.Tests.Hlog;

/// <summary>Our reader on logs of HdrHistogram's Java writer, of our writer, of earlier runs, and on damaged ones.</summary>
public sealed class IntervalLogReaderTests : IDisposable
{
    // Written by HdrHistogram 2.1.11's HistogramLogWriter (Java): 1000, 2000 ... 100000, then twice those, tagged.
    private const string JavaLog = """
        #[Histogram log format version 1.3]
        #[StartTime: 1700000000.000 (seconds since epoch), Tue Nov 14 22:13:20 UTC 2023]
        #[BaseTime: 1700000000.000 (seconds since epoch)]
        "StartTimestamp","Interval_Length","Interval_Max","Interval_Compressed_Histogram"
        0.000,1.000,0.100,HISTFAAAAFZ42pNpmSzMwMBwkwECmKE0I4i4NnkJg/0HiMB5fqaz/ExTOZiesjMtZGH6yAxFy5mYvjNiQSsZmaqZKvHgbCZrILQFk+TRukzSTLJAiCDJ4QMAfngn9g==
        Tag=second,1.000,1.000,0.200,HISTFAAAAFZ42pNpmSzMwMBwkwECmKE0I4i4NnkJg/0HiMB8eaa//ExTOZiesjMtZGH6yAxFy5mYvjNiQSsZmaqZKvHgbCZrILQFk+TRukzSTLJAiCDJ4QMAi2goBg==

        """;

    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("archlab-hlog-read-");

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public void Reads_a_log_of_HdrHistograms_Java_writer()
    {
        var log = IntervalLogReader.Read(System.Text.Encoding.ASCII.GetBytes(JavaLog), "java.hlog");

        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1_700_000_000), log.StartTime);
        Assert.Equal(2, log.Intervals.Count);
        for (var i = 0; i < 2; i++)
        {
            var interval = log.Intervals[i];
            Assert.Equal(100, interval.TotalCount);
            Assert.Equal(100_000 * (i + 1), interval.GetMaxValue(), (i + 1) * 100.0); // within 0.1%
            Assert.Equal(50_000 * (i + 1), interval.GetValueAtPercentile(50), (i + 1) * 50.0);
            Assert.Equal(1_700_000_000_000 + (i * 1000L), interval.StartTimeStamp);
            Assert.Equal(interval.StartTimeStamp + 1000, interval.EndTimeStamp);
        }

        Assert.Null(log.Intervals[0].Tag);
        Assert.Equal("second", log.Intervals[1].Tag);
    }

    [Fact]
    public void Reads_back_every_count_and_time_stamp_our_writer_wrote()
    {
        var start = DateTimeOffset.FromUnixTimeMilliseconds(1_750_000_000_123);
        var random = new Random(7);
        var written = Enumerable.Range(0, 4).Select(s =>
        {
            var h = Histograms.Create();
            for (var i = 0; i < 500; i++)
            {
                h.RecordValue(Histograms.Clamp((long)(300 * Math.Exp(random.NextDouble() * 12))));
            }

            h.StartTimeStamp = start.ToUnixTimeMilliseconds() + (s * 1000L);
            h.EndTimeStamp = h.StartTimeStamp + 1000;
            return h;
        }).ToList();
        var path = Path.Combine(_folder.FullName, "ours.hlog");
        using (var writer = new IntervalLogWriter(path, start))
        {
            written.ForEach(writer.Append);
        }

        var log = IntervalLogReader.Read(path);

        Assert.Equal(start, log.StartTime);
        Assert.Equal(written.Count, log.Intervals.Count);
        foreach (var (expected, read) in written.Zip(log.Intervals))
        {
            Assert.Equal(Counts(expected), Counts(read));
            Assert.Equal(expected.StartTimeStamp, read.StartTimeStamp);
            Assert.Equal(expected.EndTimeStamp, read.EndTimeStamp);
        }
    }

    [Fact]
    public void Reads_a_UTF16_log_of_a_run_made_before_the_standard_format()
    {
        var start = DateTime.UtcNow;
        var intervals = Enumerable.Range(0, 3).Select(i =>
        {
            var h = Histograms.Create();
            h.RecordValueWithCount(1000 * (i + 1), 10 + i);
            h.StartTimeStamp = new DateTimeOffset(start).ToUnixTimeMilliseconds() + (i * 1000);
            h.EndTimeStamp = h.StartTimeStamp + 1000;
            return h;
        }).ToList();
        var path = Path.Combine(_folder.FullName, "earlier.hlog");
        using (var file = File.Create(path))
        using (var writer = new HistogramLogWriter(file)) // HdrHistogram.NET's writer, as earlier runs wrote their logs
        {
            writer.Write(start, [.. intervals]);
        }

        Assert.Equal([10L, 11L, 12L], IntervalLogReader.Read(path).Intervals.Select(h => h.TotalCount));
        Assert.Equal(33, Histograms.ReadLog(path).TotalCount);
    }

    [Fact]
    public void Time_stamps_without_a_base_time_are_absolute_or_relative_as_Javas_reader_decides()
    {
        var histogram = JavaLog.Split('\n')[4].Split(',')[3];
        string Log(string stamp) => $"#[StartTime: 1700000000.000 (seconds since epoch)]\n{stamp},1.000,0.100,{histogram}\n";

        var absolute = IntervalLogReader.Read(System.Text.Encoding.ASCII.GetBytes(Log("1700000002.500")), "absolute.hlog");
        var relative = IntervalLogReader.Read(System.Text.Encoding.ASCII.GetBytes(Log("2.500")), "relative.hlog");

        Assert.Equal(1_700_000_002_500, absolute.Intervals[0].StartTimeStamp);
        Assert.Equal(1_700_000_002_500, relative.Intervals[0].StartTimeStamp);
    }

    [Theory]
    [InlineData("0.000,1.000,0.100,not*base64", "line 2: ")]
    [InlineData("0.000,1.000,0.100", "line 2: an interval line has 4 comma-separated fields")]
    [InlineData("zero,1.000,0.100,HISTFAAAAFZ42pNpmSzMwMBwkwECmKE0I4i4NnkJ", "line 2: 'zero' is not a number")]
    [InlineData("0.000,1.000,0.100,HISTFAAAAFZ42pNpmSzMwMBwkwECmKE0I4i4NnkJ", "line 2: ")] // cut short: the zlib stream ends early
    [InlineData("0.000,1.000,0.100,AAAAAAAAAAA=", "line 2: not an HdrHistogram V2 compressed histogram")]
    public void A_damaged_log_is_an_error_that_names_the_file_and_line(string line, string expected)
    {
        var bytes = System.Text.Encoding.ASCII.GetBytes($"#[StartTime: 1700000000.000 (seconds since epoch)]\n{line}\n");

        var error = Assert.Throws<InvalidDataException>(() => IntervalLogReader.Read(bytes, "broken.hlog"));

        Assert.StartsWith("broken.hlog " + expected, error.Message, StringComparison.Ordinal);
    }

    private static List<(long Value, long Count)> Counts(HistogramBase histogram) =>
        [.. histogram.RecordedValues().Select(v => (v.ValueIteratedTo, v.CountAtValueIteratedTo))];
}
