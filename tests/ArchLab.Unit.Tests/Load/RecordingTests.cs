using System.Diagnostics;
using ArchLab.Harness.Model.Semantics;
using ArchLab.Load.Recording;
using ArchLab.Load.Targets;
using HdrHistogram;

namespace ArchLab.Unit.Tests.Load;

public sealed class RecordingTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("archlab-recording-tests-");

    public void Dispose() => _directory.Delete(recursive: true);

    [Fact]
    public void Merging_adds_the_counts_of_every_histogram()
    {
        var a = Histograms.Create();
        var b = Histograms.Create();
        a.RecordValue(1_000);
        a.RecordValue(2_000);
        b.RecordValue(500_000);

        var merged = Histograms.Merge([a, b]);

        Assert.Equal(3, merged.TotalCount);
        Assert.Equal(500_000, merged.GetMaxValue(), 500_000 / 1000.0);
        Assert.Equal(2, a.TotalCount); // inputs untouched
    }

    [Fact]
    public void Summary_is_in_milliseconds_and_null_for_an_empty_histogram()
    {
        var histogram = Histograms.Create();
        Assert.Null(Latency.Summarise(histogram));

        for (var us = 1; us <= 1000; us++)
        {
            histogram.RecordValue(us * 10); // 0.01 ms .. 10 ms
        }

        var summary = Latency.Summarise(histogram)!;
        Assert.Equal(1000, summary.Count);
        Assert.Equal(5.0, summary.P50, 0.01);
        Assert.Equal(9.9, summary.P99, 0.01);
        Assert.Equal(10.0, summary.Max, 0.01);
    }

    [Fact]
    public void Values_outside_the_trackable_range_are_clamped_not_thrown()
    {
        Assert.Equal(Histograms.HighestMicroseconds, Histograms.Clamp(long.MaxValue));
        Assert.Equal(0, Histograms.Clamp(-5));
        Assert.Equal(Histograms.HighestMicroseconds, Histograms.TicksToMicroseconds(long.MaxValue));
        Assert.Equal(0, Histograms.TicksToMicroseconds(-Stopwatch.Frequency));
        Histograms.Create().RecordValue(Histograms.TicksToMicroseconds(long.MaxValue));
    }

    [Fact]
    public void The_caller_log_round_trips_its_records()
    {
        var path = Path.Combine(_directory.FullName, "calls.bin");
        var written = Enumerable.Range(0, 5000)
            .Select(i => new CallRecord(i, 1_000_000L + i, i % 7 == 0 ? 0 : 1_000_500L + i, 2_000_000L + i,
                (OutcomeKind)(i % 6), i % 3 == 0 ? 503 : 200, i < 100))
            .ToList();
        using (var log = CallLog.Create(path))
        {
            foreach (var record in written)
            {
                log.Append(record);
            }
        }

        Assert.Equal(written, CallLog.Read(path));
        Assert.Equal(32 + (5000 * 40), new FileInfo(path).Length); // fixed-size records after the header
    }

    [Fact]
    public void The_caller_log_keeps_every_record_of_concurrent_appenders()
    {
        var path = Path.Combine(_directory.FullName, "concurrent.bin");
        using (var log = CallLog.Create(path))
        {
            Parallel.For(0, 4, writer =>
            {
                for (var i = 0; i < 20_000; i++)
                {
                    var seq = (writer * 20_000L) + i;
                    log.Append(new CallRecord(seq, seq, seq, seq + 1, OutcomeKind.Accepted, 200, false));
                }
            });
        }

        Assert.Equal(Enumerable.Range(0, 80_000).Select(i => (long)i), CallLog.Read(path).Select(c => c.Seq).Order());
    }

    [Fact]
    public void A_caller_log_whose_disk_fails_says_so_when_it_is_closed()
    {
        // /dev/full takes the file open and fails every write with "no space left on device".
        var log = CallLog.Create("/dev/full");
        for (var i = 0; i < 5000; i++)
        {
            try
            {
                log.Append(new CallRecord(i, i, i, i, OutcomeKind.Accepted, 200, false));
            }
            catch (IOException)
            {
                break; // the writer's failure, reported to the next appender once it has it
            }
        }

        Assert.Throws<IOException>(log.Dispose);
    }

    [Fact]
    public void A_closed_model_latency_set_records_one_value_and_makes_the_other_two_when_taken()
    {
        var set = new LatencySet(sentAtIntended: true);
        set.Record(accepted: true, correctedUs: 100, uncorrectedUs: 100, sendDelayUs: 0);
        set.Record(accepted: true, correctedUs: 300, uncorrectedUs: 300, sendDelayUs: 0);
        set.Record(accepted: false, correctedUs: 900, uncorrectedUs: 900, sendDelayUs: 0);

        var taken = set.Take();

        Assert.Equal(2, taken.Accept.TotalCount);
        Assert.Equal(2, taken.AcceptUncorrected.TotalCount);
        Assert.Equal(taken.Accept.GetMaxValue(), taken.AcceptUncorrected.GetMaxValue());
        Assert.Equal(taken.Accept.GetValueAtPercentile(50), taken.AcceptUncorrected.GetValueAtPercentile(50));
        Assert.Equal(3, taken.SendDelay.TotalCount); // every sent request has a send delay, accepted or not
        Assert.Equal(0, taken.SendDelay.GetMaxValue());

        // What comes after a take is the next interval's only, recorded into the histograms handed back.
        set.Record(accepted: true, correctedUs: 50, uncorrectedUs: 50, sendDelayUs: 0);
        var next = set.Take(taken);
        Assert.Equal((1L, 1L, 1L), (next.Accept.TotalCount, next.AcceptUncorrected.TotalCount, next.SendDelay.TotalCount));
    }

    [Fact]
    public void An_open_model_latency_set_keeps_the_three_latencies_apart()
    {
        var set = new LatencySet(sentAtIntended: false);
        set.Record(accepted: true, correctedUs: 5_000, uncorrectedUs: 1_000, sendDelayUs: 4_000);
        set.Record(accepted: false, correctedUs: 9_000, uncorrectedUs: 9_000, sendDelayUs: 0);

        var taken = set.Take();

        Assert.Equal((1L, 1L, 2L), (taken.Accept.TotalCount, taken.AcceptUncorrected.TotalCount, taken.SendDelay.TotalCount));
        Assert.Equal(5_000, taken.Accept.GetMaxValue(), 5_000 / 1000.0);
        Assert.Equal(1_000, taken.AcceptUncorrected.GetMaxValue(), 1_000 / 1000.0);
        Assert.Equal(4_000, taken.SendDelay.GetMaxValue(), 4_000 / 1000.0);
    }

    [Fact]
    public void Reading_a_file_that_is_not_a_caller_log_fails_clearly()
    {
        var path = Path.Combine(_directory.FullName, "not-a-log.bin");
        File.WriteAllBytes(path, new byte[64]);

        Assert.Throws<InvalidDataException>(() => CallLog.Read(path).ToList());
    }
}
