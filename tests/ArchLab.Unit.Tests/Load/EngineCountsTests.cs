using ArchLab.Hlog;
using ArchLab.Load;
using ArchLab.Load.Engine;
using ArchLab.Load.Recording;
using ArchLab.Load.Targets;
using HdrHistogram;

namespace ArchLab.Unit.Tests.Load;

[Collection(Timing.Name)]
public sealed class EngineCountsTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("archlab-load-tests-");

    public void Dispose() => _directory.Delete(recursive: true);

    [Fact]
    public async Task Requests_past_the_timeout_waiting_for_a_slot_are_dropped_and_the_counts_add_up()
    {
        var options = new LoadOptions
        {
            RatePerSec = 200,
            Warmup = TimeSpan.Zero,
            Duration = TimeSpan.FromSeconds(1),
            MaxInFlight = 4,
            Timeout = TimeSpan.FromMilliseconds(200),
            OutputDirectory = _directory.FullName,
            FilePrefix = "drops",
        };
        var report = await new LoadEngine(options, new SilentTarget()).RunAsync(null, TestContext.Current.CancellationToken);

        var counts = report.Counts;
        Assert.Equal(200, counts.Offered);
        Assert.Equal(200, report.IntendedOffered!.Value, precision: 6);
        Assert.True(counts.DroppedByGenerator > 0, "some requests waited past the timeout for a slot");
        Assert.True(counts.Sent > 0);
        Assert.Equal(counts.Offered, counts.Sent + counts.DroppedByGenerator);
        Assert.Equal(counts.Sent, counts.Accepted + counts.Errors);
        Assert.Equal(counts.Errors, report.ErrorsByKind["timeout"]);
        Assert.Equal(counts.DroppedByGenerator, report.ErrorsByKind["dropped"]);
        Assert.Equal(counts.DroppedByGenerator, report.Timeline.Sum(s => s.Dropped));

        // Every offered request is in the caller log, drops included, with contiguous sequence numbers.
        var calls = CallLog.Read(report.Files.CallLog!).ToList();
        Assert.Equal(Enumerable.Range(0, 200).Select(i => (long)i), calls.Select(c => c.Seq).Order());
        Assert.Equal(counts.DroppedByGenerator, calls.Count(c => c.Kind == OutcomeKind.Dropped));
        Assert.All(calls.Where(c => c.Kind == OutcomeKind.Dropped), c => Assert.Equal(0, c.Sent));
    }

    [Fact]
    public async Task Warm_up_is_recorded_apart_and_excluded_from_every_reported_figure()
    {
        // 200/s: the warm-up's 100 requests are seq 0..99, and the target rejects exactly those.
        var target = new InstantTarget(seq => seq < 100 ? CallOutcome.Rejected(503) : CallOutcome.Accepted(200));
        var options = new LoadOptions
        {
            RatePerSec = 200,
            Warmup = TimeSpan.FromSeconds(0.5),
            Duration = TimeSpan.FromSeconds(1),
            OutputDirectory = _directory.FullName,
            FilePrefix = "warmup",
        };
        var report = await new LoadEngine(options, target).RunAsync(null, TestContext.Current.CancellationToken);

        Assert.Equal(new LoadCounts(200, 200, 200, 0, 0), report.Counts);
        Assert.Empty(report.ErrorsByKind);
        Assert.Equal(200, report.Latency.Accept.TotalCount);
        Assert.Equal(200, report.Timeline.Sum(s => s.Offered));
        Assert.Equal(new LoadCounts(100, 100, 0, 100, 0), report.WarmupCounts);
        Assert.Equal(100, report.WarmupLatency.SendDelay.TotalCount);
        Assert.Equal(200, Histograms.ReadLog(report.Files.AcceptLog!).TotalCount);
        var log = IntervalLogReader.Read(report.Files.SendDelayLog!);
        var intervals = log.Intervals;
        Assert.InRange(intervals.Count, 1, 3); // one per second of the window, then the tail's partial one
        Assert.Equal(log.StartTime!.Value.ToUnixTimeMilliseconds(), intervals[0].StartTimeStamp); // not before: Java's tools would skip it
        Assert.All(intervals, i => Assert.InRange(i.EndTimeStamp - i.StartTimeStamp, 0, 1000));
        Assert.Equal(200, intervals.Sum(i => i.TotalCount));

        var calls = CallLog.Read(report.Files.CallLog!).ToList();
        Assert.Equal(100, calls.Count(c => c.Warmup));
        Assert.All(calls, c => Assert.Equal(c.Seq < 100, c.Warmup));
        Assert.All(calls, c => Assert.Equal(c.Warmup, c.Intended < report.MeasureStartTimestamp));
    }

    [Fact]
    public async Task Closed_model_users_wait_for_each_answer_and_think_between_requests()
    {
        var options = new LoadOptions
        {
            Model = LoadModel.Closed,
            Users = 2,
            Think = TimeSpan.FromMilliseconds(50),
            Warmup = TimeSpan.Zero,
            Duration = TimeSpan.FromSeconds(1),
        };
        var report = await new LoadEngine(options, new InstantTarget()).RunAsync(null, TestContext.Current.CancellationToken);

        // Think time bounds the rate: 2 users can start at most 2 x (1 s / 50 ms + 1) requests.
        Assert.InRange(report.Counts.Accepted, 10, 42);
        Assert.Equal(report.Counts.Offered, report.Counts.Sent);
        Assert.Equal(report.Counts.Sent, report.Counts.Accepted);
        Assert.Equal(report.Latency.Accept.TotalCount, report.Latency.AcceptUncorrected.TotalCount);
        Assert.Equal(0, report.Latency.SendDelay.GetMaxValue()); // the user decides and sends at once
    }

    [Fact]
    public async Task A_closed_model_user_with_no_think_time_intends_its_next_request_the_moment_an_answer_comes()
    {
        var options = new LoadOptions
        {
            Model = LoadModel.Closed,
            Users = 1,
            Warmup = TimeSpan.Zero,
            Duration = TimeSpan.FromMilliseconds(300),
            OutputDirectory = _directory.FullName,
            FilePrefix = "chain",
        };
        var report = await new LoadEngine(options, new AlternatingTarget()).RunAsync(null, TestContext.Current.CancellationToken);

        var calls = CallLog.Read(report.Files.CallLog!).OrderBy(c => c.Seq).ToList();
        Assert.True(calls.Count > 100, $"{calls.Count} requests");
        Assert.All(calls, c => Assert.Equal(c.Intended, c.Sent));
        Assert.All(calls.Zip(calls.Skip(1)), pair => Assert.Equal(pair.First.Done, pair.Second.Intended));

        // Intended = sent: the uncorrected latencies are the corrected ones and every send delay is zero.
        var latency = report.Latency;
        Assert.Equal(report.Counts.Accepted, latency.Accept.TotalCount);
        Assert.Equal(latency.Accept.RecordedValues().Select(v => (v.ValueIteratedTo, v.CountAtValueIteratedTo)),
            latency.AcceptUncorrected.RecordedValues().Select(v => (v.ValueIteratedTo, v.CountAtValueIteratedTo)));
        Assert.Equal(report.Counts.Sent, latency.SendDelay.TotalCount);
        Assert.Equal(0, latency.SendDelay.GetMaxValue());
    }

    [Fact]
    public async Task A_closed_model_user_s_tallied_requests_land_where_the_caller_log_says_they_ended()
    {
        // Mostly answered at once (tallied in batches), with every kind of request that is recorded on its own mixed in:
        // rejected ones, ones awaited, and ones answered at once but slower than a tally counts.
        var target = new InstantTarget(seq => seq % 7 == 3 ? CallOutcome.Rejected(503) : Spin(seq % 97 == 5 ? 400 : 0));
        var options = new LoadOptions
        {
            Model = LoadModel.Closed,
            Users = 2,
            Warmup = TimeSpan.FromMilliseconds(200),
            Duration = TimeSpan.FromMilliseconds(600),
            Interval = TimeSpan.FromMilliseconds(100),
            OutputDirectory = _directory.FullName,
            FilePrefix = "tally",
        };
        var report = await new LoadEngine(options, new MixedTarget(target)).RunAsync(null, TestContext.Current.CancellationToken);

        var calls = CallLog.Read(report.Files.CallLog!).ToList();
        Assert.Equal(report.Counts.Offered + report.WarmupCounts.Offered, calls.Count);
        Assert.Equal(calls.Count, calls.Select(c => c.Seq).Distinct().Count());
        var measured = calls.Where(c => !c.Warmup).ToList();
        Assert.Equal(report.Counts.Accepted, measured.Count(c => c.Kind == OutcomeKind.Accepted));
        Assert.Equal(report.WarmupCounts.Accepted, calls.Count(c => c.Warmup && c.Kind == OutcomeKind.Accepted));
        Assert.Contains(measured, c => c.Kind == OutcomeKind.Rejected);

        // Each interval's counts and histogram, from the caller log alone.
        var ticks = (long)(options.Interval.TotalSeconds * System.Diagnostics.Stopwatch.Frequency);
        int IntervalOf(long at) => (int)Math.Max(0, (at - report.MeasureStartTimestamp) / ticks);
        foreach (var interval in report.Timeline)
        {
            Assert.Equal(measured.Count(c => IntervalOf(c.Intended) == interval.Index), interval.Offered);
            Assert.Equal(measured.Count(c => c.Kind == OutcomeKind.Accepted && IntervalOf(c.Done) == interval.Index), interval.Accepted);
        }

        var fromLog = Histograms.Create();
        foreach (var call in measured.Where(c => c.Kind == OutcomeKind.Accepted))
        {
            fromLog.RecordValue(Histograms.TicksToMicroseconds(call.Done - call.Intended));
        }

        Assert.Equal(fromLog.RecordedValues().Select(v => (v.ValueIteratedTo, v.CountAtValueIteratedTo)),
            report.Latency.Accept.RecordedValues().Select(v => (v.ValueIteratedTo, v.CountAtValueIteratedTo)));
        Assert.True(fromLog.GetMaxValue() >= 400, "a slow answer given at once is in the histogram");
        Assert.Equal(report.Counts.Sent, report.Latency.SendDelay.TotalCount);
    }

    private static CallOutcome Spin(int microseconds)
    {
        var until = System.Diagnostics.Stopwatch.GetTimestamp() + (microseconds * System.Diagnostics.Stopwatch.Frequency / 1_000_000);
        while (System.Diagnostics.Stopwatch.GetTimestamp() < until)
        {
            Thread.SpinWait(10);
        }

        return CallOutcome.Accepted(200);
    }

    /// <summary>The inner target's answer, every 13th after a hop through the thread pool.</summary>
    private sealed class MixedTarget(ILoadTarget inner) : ILoadTarget
    {
        public ValueTask<CallOutcome> SendAsync(long seq, CancellationToken cancellationToken) =>
            seq % 13 == 0 ? LaterAsync(seq, cancellationToken) : inner.SendAsync(seq, cancellationToken);

        private async ValueTask<CallOutcome> LaterAsync(long seq, CancellationToken cancellationToken)
        {
            await Task.Yield();
            return await inner.SendAsync(seq, cancellationToken);
        }
    }

    [Fact]
    public async Task Progress_reports_phases_and_counts_while_running()
    {
        var seen = new List<LoadProgress>();
        var progress = new SynchronousProgress(p =>
        {
            lock (seen)
            {
                seen.Add(p);
            }
        });
        // Reports come on the seconds of the window: with a 2 s warm-up, one at least inside it.
        var options = new LoadOptions { RatePerSec = 100, Warmup = TimeSpan.FromSeconds(2), Duration = TimeSpan.FromSeconds(1.5) };
        var report = await new LoadEngine(options, new InstantTarget()).RunAsync(progress, TestContext.Current.CancellationToken);

        Assert.Contains(seen, p => p.Phase == LoadPhase.WarmUp);
        Assert.Contains(seen, p => p.Phase == LoadPhase.Load);
        Assert.Equal(350, seen[^1].Offered);
        Assert.Equal(150, report.Counts.Offered);
    }

    [Fact]
    public async Task Progress_comes_every_period_asked_for_with_the_last_closed_interval_s_accept_p99()
    {
        var seen = new List<LoadProgress>();
        var progress = new SynchronousProgress(p =>
        {
            lock (seen)
            {
                seen.Add(p);
            }
        });
        // 3 s under load at a quarter of a second: 12 periods; a sampler woken late reports once for those it missed.
        var options = new LoadOptions
        {
            RatePerSec = 100, Warmup = TimeSpan.FromSeconds(0.5), Duration = TimeSpan.FromSeconds(3),
            Interval = TimeSpan.FromMilliseconds(100), ProgressEvery = TimeSpan.FromMilliseconds(250),
        };

        await new LoadEngine(options, new InstantTarget()).RunAsync(progress, TestContext.Current.CancellationToken);

        var load = seen.Where(p => p.Phase == LoadPhase.Load).ToList();
        Assert.InRange(load.Count, 6, 13);
        Assert.Null(seen[0].AcceptP99Ms); // nothing closed yet when the load starts
        Assert.Contains(load, p => p.AcceptP99Ms is > 0);
        Assert.Contains("ProgressEvery", Assert.Throws<ArgumentException>(() => (options with { ProgressEvery = TimeSpan.FromMilliseconds(10) }).Validate()).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_timeline_has_a_second_per_measured_second_and_adds_up_to_the_counts()
    {
        var options = new LoadOptions { RatePerSec = 200, Warmup = TimeSpan.FromSeconds(0.5), Duration = TimeSpan.FromSeconds(2) };
        var report = await new LoadEngine(options, new InstantTarget()).RunAsync(null, TestContext.Current.CancellationToken);

        Assert.InRange(report.Timeline.Count, 2, 3); // a last answer may land just past the window
        Assert.Equal([0, 1], report.Timeline.Take(2).Select(s => s.Index));
        Assert.All(report.Timeline.Take(2), s => Assert.InRange(s.Offered, 199, 201));
        Assert.All(report.Timeline.Take(2), s => Assert.NotNull(s.AcceptP99Ms));
        Assert.Equal(report.Counts.Offered, report.Timeline.Sum(s => s.Offered));
        Assert.Equal(report.Counts.Sent, report.Timeline.Sum(s => s.Sent));
        Assert.Equal(report.Counts.Accepted, report.Timeline.Sum(s => s.Accepted));
        Assert.Equal(400, report.Counts.Accepted);
    }

    [Fact]
    public async Task Cancelling_stops_the_run_and_closes_its_files()
    {
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var progress = new SynchronousProgress(p =>
        {
            if (p.Phase == LoadPhase.Load)
            {
                cancel.Cancel();
            }
        });
        var options = new LoadOptions
        {
            RatePerSec = 100, Warmup = TimeSpan.FromSeconds(0.2), Duration = TimeSpan.FromSeconds(30),
            OutputDirectory = _directory.FullName, FilePrefix = "cancelled",
        };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => new LoadEngine(options, new SilentTarget()).RunAsync(progress, cancel.Token));

        var calls = CallLog.Read(Path.Combine(_directory.FullName, "cancelled.calls.bin")).ToList();
        Assert.NotEmpty(calls);
        Assert.All(calls, c => Assert.Equal(OutcomeKind.Timeout, c.Kind)); // requests out were ended, not lost
    }

    private sealed class SynchronousProgress(Action<LoadProgress> report) : IProgress<LoadProgress>
    {
        public void Report(LoadProgress value) => report(value);
    }
}
