using System.Diagnostics;
using ArchLab.Load.Recording;

namespace ArchLab.Load.Engine;

/// <summary>
/// A background thread that wakes on every second of the measured window (counted from its start, so seconds line
/// up with the timeline): it closes the interval histograms, writes them out, and reports progress. During the
/// warm-up it only reports progress. <see cref="Stop"/> closes the last, partial interval.
/// </summary>
internal sealed class IntervalSampler : IDisposable
{
    private readonly RunRecording _recording;
    private readonly IProgress<LoadProgress>? _progress;
    private readonly Func<long, LoadPhase> _phaseAt;
    private readonly long _loadStart;
    private readonly TimeSpan _plannedTotal;
    private readonly ManualResetEventSlim _stop = new();
    private readonly Thread _thread;
    private int _closedSeconds;
    private (long At, long Offered, long Accepted, long Errors) _last;

    public IntervalSampler(RunRecording recording, IProgress<LoadProgress>? progress, Func<long, LoadPhase> phaseAt,
        long loadStart, TimeSpan plannedTotal)
    {
        _recording = recording;
        _progress = progress;
        _phaseAt = phaseAt;
        _loadStart = loadStart;
        _plannedTotal = plannedTotal;
        _thread = new Thread(Run) { Name = "load-sampler", IsBackground = true };
    }

    public void Start() => _thread.Start();

    /// <summary>Closes the last interval and waits for the thread to end.</summary>
    public void Stop()
    {
        _stop.Set();
        _thread.Join();
    }

    public void Dispose() => _stop.Dispose();

    private void Run()
    {
        var second = Stopwatch.Frequency;
        var measureStart = _recording.MeasureStart;
        _last = (_loadStart, 0, 0, 0);
        while (true)
        {
            var now = Stopwatch.GetTimestamp();
            // The next whole second after now, counted from the measured start (negative during the warm-up).
            var k = now < measureStart ? -((measureStart - now) / second) : ((now - measureStart) / second) + 1;
            var wait = Math.Max(0, measureStart + (k * second) - now) / (double)second;
            var stopped = _stop.Wait(TimeSpan.FromSeconds(wait));
            now = Stopwatch.GetTimestamp();

            // Close every whole second that has passed (more than one if this thread was held up).
            while (measureStart + ((_closedSeconds + 1) * second) <= now)
            {
                _recording.CloseInterval(_closedSeconds++, 1);
            }

            if (stopped && now > measureStart)
            {
                var length = (now - measureStart - (_closedSeconds * second)) / (double)second;
                _recording.CloseInterval(_closedSeconds++, length);
            }

            Report(now);
            if (stopped)
            {
                return;
            }
        }
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
            (errors - _last.Errors) / elapsed));
        _last = (now, offered, accepted, errors);
    }
}
