using System.Diagnostics;
using ArchLab.Harness.Model.Semantics;
using ArchLab.Load.Targets;
using HdrHistogram;

namespace ArchLab.Load.Recording;

/// <summary>
/// Everything recorded during one run: counts, latencies and timeline of the measured window, the same apart for
/// the warm-up, and the files. Per request it keeps nothing: a request is counted, recorded in the histograms and
/// appended to the caller log when it ends, then forgotten.
/// </summary>
internal sealed class RunRecording : IDisposable
{
    private readonly IntervalRing _measured;
    private readonly LatencySet _warmup;
    private readonly HistogramBase _acceptTotal = Histograms.Create();
    private readonly HistogramBase _acceptUncorrectedTotal = Histograms.Create();
    private readonly HistogramBase _sendDelayTotal = Histograms.Create();
    private readonly CallLog? _callLog;
    private readonly IntervalLogs? _intervalLogs;
    private readonly long _measureStartUnixMs;

    /// <param name="measureStart">Stopwatch ticks of the intended start of the measured window.</param>
    /// <param name="measureStartUtc">The same instant on the wall clock, for the <c>.hlog</c> time stamps.</param>
    /// <param name="interval">Length of the timeline's intervals.</param>
    /// <param name="timelineIntervals">Intervals of timeline to keep, tail included.</param>
    /// <param name="sentAtIntended">The closed model: every request leaves when it is intended.</param>
    public RunRecording(long measureStart, DateTime measureStartUtc, TimeSpan interval, int timelineIntervals, string? directory, string prefix, bool sentAtIntended)
    {
        SentAtIntended = sentAtIntended;
        Interval = interval;
        IntervalTicks = (long)Math.Round(interval.TotalSeconds * Stopwatch.Frequency);
        _measured = new IntervalRing(interval.TotalSeconds, sentAtIntended);
        _warmup = new LatencySet(sentAtIntended);
        MeasureStart = measureStart;
        _measureStartUnixMs = new DateTimeOffset(measureStartUtc).ToUnixTimeMilliseconds();
        Timeline = new TimelineCounters(measureStart, IntervalTicks, timelineIntervals);
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
            _callLog = CallLog.Create(Path.Combine(directory, prefix + ".calls.bin"));
            _intervalLogs = new IntervalLogs(directory, prefix, measureStartUtc);
        }
    }

    public long MeasureStart { get; }

    public TimeSpan Interval { get; }

    /// <summary>Stopwatch ticks of one interval.</summary>
    public long IntervalTicks { get; }

    /// <summary>The closed model: a request leaves when its user decides, so sent = intended.</summary>
    public bool SentAtIntended { get; }

    public OutcomeCounters Measured { get; } = new();

    public OutcomeCounters Warmup { get; } = new();

    public TimelineCounters Timeline { get; }

    /// <summary>Whether the run keeps a caller log (it writes files).</summary>
    public bool KeepsCallLog => _callLog is not null;

    public LoadFiles Files => new(_callLog?.Path, _intervalLogs?.AcceptPath, _intervalLogs?.AcceptUncorrectedPath,
        _intervalLogs?.SendDelayPath);

    /// <summary>Requests of either phase in flight now.</summary>
    public long InFlight => Measured.InFlight + Warmup.InFlight;

    public bool IsWarmup(long intended) => intended < MeasureStart;

    public void Offered(long intended, bool warmup)
    {
        if (warmup)
        {
            Warmup.CountOffered();
            return;
        }

        Measured.CountOffered();
        Timeline.CountOffered(intended);
    }

    /// <summary>The closed model: a request leaves the moment its user offers it.</summary>
    public void OfferedAndSent(long at, bool warmup)
    {
        var counters = warmup ? Warmup : Measured;
        counters.CountOffered();
        counters.CountSent();
        if (!warmup)
        {
            Timeline.CountOfferedAndSent(at);
        }
    }

    public void Sent(long sent, bool warmup)
    {
        if (warmup)
        {
            Warmup.CountSent();
            return;
        }

        Measured.CountSent();
        Timeline.CountSent(sent);
    }

    /// <summary>A sent request ended: its outcome is counted, its latencies recorded, its record logged.</summary>
    public void Ended(in CallRecord call)
    {
        var accepted = call.Kind == OutcomeKind.Accepted;
        var corrected = Histograms.TicksToMicroseconds(call.Done - call.Intended);
        var uncorrected = Histograms.TicksToMicroseconds(call.Done - call.Sent);
        var sendDelay = Histograms.TicksToMicroseconds(call.Sent - call.Intended);
        var outcome = new CallOutcome(call.Kind, call.StatusCode);
        if (call.Warmup)
        {
            _warmup.Record(accepted, corrected, uncorrected, sendDelay);
            Warmup.CountEnded(outcome);
        }
        else
        {
            var interval = Timeline.IntervalOf(call.Done);
            _measured.Record(interval, accepted, corrected, uncorrected, sendDelay);
            Measured.CountEnded(outcome);
            Timeline.CountEnded(interval, accepted);
        }

        _callLog?.Append(call);
    }

    /// <summary>
    /// A closed-model user's batch (<see cref="UserTally"/>): <paramref name="offered"/> requests offered and sent, of
    /// which <paramref name="accepted"/> ended accepted at once with the latencies counted by microsecond in
    /// <paramref name="latencyCounts"/> and their caller-log records in <paramref name="calls"/>; the others were
    /// recorded on their own.
    /// </summary>
    public void AddTally(bool warmup, int interval, int offered, int accepted, ReadOnlySpan<long> latencyCounts, ReadOnlySpan<byte> calls)
    {
        var counters = warmup ? Warmup : Measured;
        counters.CountOfferedAndSent(offered);
        counters.CountAccepted(accepted);
        if (warmup)
        {
            _warmup.RecordCounts(latencyCounts, accepted);
        }
        else
        {
            Timeline.CountOfferedAndSent(interval, offered);
            Timeline.CountAccepted(interval, accepted);
            _measured.RecordCounts(interval, latencyCounts, accepted);
        }

        _callLog?.AppendRecords(calls);
    }

    /// <summary>The generator gave up on a request before sending it.</summary>
    public void Dropped(long seq, long intended, long at, bool warmup)
    {
        if (warmup)
        {
            Warmup.CountDropped();
        }
        else
        {
            Measured.CountDropped();
            Timeline.CountDropped(at);
        }

        _callLog?.Append(new CallRecord(seq, intended, 0, at, OutcomeKind.Dropped, 0, warmup));
    }

    /// <summary>
    /// Closes one interval of the measured window once its answers are in: takes its histograms, writes them to the
    /// <c>.hlog</c> files, adds them to the totals and puts its p99 in the timeline. Called by the sampler thread
    /// only, for intervals 0, 1, 2... in order.
    /// </summary>
    /// <param name="length">1, or less for the last, partial interval: the fraction of an interval it covers.</param>
    public void CloseInterval(int interval, double length)
    {
        var (accept, uncorrected, sendDelay) = _measured.Take(interval);

        // Stamp the intervals with their place in the window rather than the moment the sampler woke.
        var intervalMs = Interval.TotalMilliseconds;
        var start = _measureStartUnixMs + (long)Math.Round(interval * intervalMs);
        var end = start + (long)Math.Round(length * intervalMs);
        foreach (var histogram in (ReadOnlySpan<HistogramBase>)[accept, uncorrected, sendDelay])
        {
            histogram.StartTimeStamp = start;
            histogram.EndTimeStamp = end;
        }

        _intervalLogs?.Append(accept, uncorrected, sendDelay);
        _acceptTotal.Add(accept);
        _acceptUncorrectedTotal.Add(uncorrected);
        _sendDelayTotal.Add(sendDelay);
        Timeline.SetAcceptP99(interval, Latency.P99Ms(accept));
    }

    /// <summary>The measured totals; call after the last <see cref="CloseInterval"/>.</summary>
    public LatencyHistograms MeasuredTotals() =>
        new(_acceptTotal.Copy(), _acceptUncorrectedTotal.Copy(), _sendDelayTotal.Copy());

    /// <summary>The warm-up's latencies, kept apart; call once, after the load.</summary>
    public LatencyHistograms WarmupTotals() => _warmup.Take();

    public void Dispose()
    {
        _callLog?.Dispose();
        _intervalLogs?.Dispose();
    }
}
