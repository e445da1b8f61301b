using System.Diagnostics;
using ArchLab.Load.Recording;

namespace ArchLab.Load.Engine;

/// <summary>
/// A background thread that follows the intervals of the measured window (counted from its start, so they line up
/// with the timeline). At the end of each interval it notes what is in flight; a little later, when that interval's
/// answers are in, it closes the interval's histograms. Progress is reported every progress period, a second by
/// default (during the warm-up too), with the accept p99 of the last closed interval. <see cref="Stop"/> closes the intervals left, the last one partial.
/// </summary>
internal sealed class IntervalSampler : IDisposable
{
    // How long after an interval ends its answers are taken: time for a completion that read the clock just before
    // the boundary to finish recording.
    private static readonly long Settle = Stopwatch.Frequency / 5;

    private readonly RunRecording _recording;
    private readonly IProgress<LoadProgress>? _progress;
    private readonly Func<long, LoadPhase> _phaseAt;
    private readonly long _loadStart;
    private readonly TimeSpan _plannedTotal;
    private readonly long _progressTicks;
    private readonly ManualResetEventSlim _stop = new();
    private readonly Thread _thread;
    private int _closedIntervals;
    private int _endedIntervals;
    private long _reportedPeriod;
    private (long At, long Offered, long Accepted, long Errors) _last;
    private Exception? _failure;

    public IntervalSampler(RunRecording recording, IProgress<LoadProgress>? progress, Func<long, LoadPhase> phaseAt,
        long loadStart, TimeSpan plannedTotal, TimeSpan progressEvery)
    {
        _progressTicks = Math.Max(1, (long)(progressEvery.TotalSeconds * Stopwatch.Frequency));
        _recording = recording;
        _progress = progress;
        _phaseAt = phaseAt;
        _loadStart = loadStart;
        _plannedTotal = plannedTotal;
        _thread = new Thread(RunSafely) { Name = "load-sampler", IsBackground = true };
    }

    public void Start() => _thread.Start();

    /// <summary>Closes the seconds left (call once every request has ended) and waits for the thread to end;
    /// throws what stopped the thread if it failed (writing a <c>.hlog</c> file, say).</summary>
    public void Stop()
    {
        _stop.Set();
        _thread.Join();
        if (_failure is not null)
        {
            throw new InvalidOperationException("The load engine's sampler failed.", _failure);
        }
    }

    public void Dispose() => _stop.Dispose();

    private void RunSafely()
    {
        try
        {
            Run();
        }
#pragma warning disable CA1031 // On its own thread a failure would end the process; Stop hands it to the run instead.
        catch (Exception e)
#pragma warning restore CA1031
        {
            _failure = e;
        }
    }

    private void Run()
    {
        var second = Stopwatch.Frequency;
        var period = _progressTicks;
        var interval = _recording.IntervalTicks;
        var measureStart = _recording.MeasureStart;
        _last = (_loadStart, 0, 0, 0);
        _reportedPeriod = PeriodAt(_loadStart - 1); // a period that starts with the load is reported, however late this thread starts
        while (true)
        {
            var now = Stopwatch.GetTimestamp();
            // The next interval boundary and the next progress period after now, counted from the measured start
            // (negative during the warm-up), or the moment the oldest open interval can be closed, whichever comes first.
            var next = Math.Min(Math.Min(NextBoundary(now, interval), NextBoundary(now, period)),
                measureStart + ((_closedIntervals + 1) * interval) + Settle);
            var stopped = _stop.Wait(TimeSpan.FromSeconds(Math.Max(0, next - now) / (double)second));
            now = Stopwatch.GetTimestamp();

            while (measureStart + ((_endedIntervals + 1) * interval) <= now)
            {
                _recording.Timeline.SetInFlight(_endedIntervals++, _recording.InFlight);
            }

            while (measureStart + ((_closedIntervals + 1) * interval) + Settle <= now && _closedIntervals < _endedIntervals)
            {
                _recording.CloseInterval(_closedIntervals++, 1);
            }

            if (stopped)
            {
                CloseRest(now);
                Report(now);
                return;
            }

            // Progress once a period, on the periods of the window (the warm-up's included).
            if (PeriodAt(now) > _reportedPeriod)
            {
                _reportedPeriod = PeriodAt(now);
                Report(now);
            }
        }
    }

    // The first multiple of the period after now, counted from the measured start.
    private long NextBoundary(long now, long period)
    {
        var measureStart = _recording.MeasureStart;
        var k = now < measureStart ? -((measureStart - now) / period) : ((now - measureStart) / period) + 1;
        return measureStart + (k * period);
    }

    // Every request has ended: the intervals not closed yet, up to the one now running, which is partial.
    private void CloseRest(long now)
    {
        var interval = _recording.IntervalTicks;
        var measureStart = _recording.MeasureStart;
        while (measureStart + (_closedIntervals * interval) < now)
        {
            var length = Math.Min(1, (now - measureStart - (_closedIntervals * interval)) / (double)interval);
            if (_closedIntervals >= _endedIntervals)
            {
                _recording.Timeline.SetInFlight(_endedIntervals++, _recording.InFlight);
            }

            _recording.CloseInterval(_closedIntervals++, length);
        }
    }

    // Whole progress periods since the measured start, rounded down (negative during the warm-up).
    private long PeriodAt(long now)
    {
        var since = now - _recording.MeasureStart;
        return since >= 0 ? since / _progressTicks : -((-since + _progressTicks - 1) / _progressTicks);
    }

    private void Report(long now)
    {
        if (_progress is null)
        {
            return;
        }

        var warmup = _recording.Warmup.Snapshot();
        var measured = _recording.Measured.Snapshot();
        var offered = warmup.Offered + measured.Offered;
        var accepted = warmup.Accepted + measured.Accepted;
        var errors = warmup.Errors + measured.Errors;
        var elapsed = Math.Max(1e-3, (now - _last.At) / (double)Stopwatch.Frequency);
        _progress.Report(new LoadProgress(
            _phaseAt(now),
            TimeSpan.FromSeconds((now - _loadStart) / (double)Stopwatch.Frequency),
            _plannedTotal,
            offered,
            warmup.Sent + measured.Sent,
            accepted,
            errors,
            warmup.DroppedByGenerator + measured.DroppedByGenerator,
            _recording.InFlight,
            (offered - _last.Offered) / elapsed,
            (accepted - _last.Accepted) / elapsed,
            (errors - _last.Errors) / elapsed)
        {
            AcceptP99Ms = _closedIntervals > 0 ? _recording.Timeline.AcceptP99Of(_closedIntervals - 1) : null,
        });
        _last = (now, offered, accepted, errors);
    }
}
