using System.Diagnostics;
using ArchLab.Harness.Model.Semantics;
using ArchLab.Load.Recording;
using ArchLab.Load.Targets;

namespace ArchLab.Load.Engine;

/// <summary>
/// Drives one target with the load of <see cref="LoadOptions"/> and measures it (scenarios/FORMAT.md, Load): open or closed
/// model, a warm-up recorded apart, latencies corrected for coordinated omission, every request in the caller log.
/// One engine runs once.
/// </summary>
public sealed class LoadEngine
{
    // How long past its timeout a request may stay out before the engine stops waiting for it.
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(2);

    /// <summary>The load starts this long after <see cref="RunAsync"/> is called, so threads and files are ready before the first intended send.</summary>
    public static readonly TimeSpan Lead = TimeSpan.FromMilliseconds(50);

    private readonly LoadOptions _options;
    private readonly ILoadTarget _target;
    private int _started;
    private long _measureStart;

    public LoadEngine(LoadOptions options, ILoadTarget target)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(target);
        options.Validate();
        _options = options;
        _target = target;
    }

    /// <summary>
    /// Stopwatch ticks of the intended start of the measured window; set when <see cref="RunAsync"/> is called
    /// (before it first yields), so that faults and samplers can be timed against it while the load runs.
    /// </summary>
    public long? MeasureStartTimestamp => Volatile.Read(ref _measureStart) is var t && t != 0 ? t : null;

    /// <summary>
    /// Runs the warm-up and the measured window, waits for the last answers (each bounded by the timeout), writes
    /// the files and returns what was measured. Cancelling stops the load early: requests out are given their
    /// timeout, the files are closed, and <see cref="LoadInterruptedException"/> is thrown with what was measured.
    /// </summary>
    public async Task<LoadReport> RunAsync(IProgress<LoadProgress>? progress, CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _started, 1) != 0)
        {
            throw new InvalidOperationException("A load engine runs once; create another for another run.");
        }

        var o = _options;
        var second = Stopwatch.Frequency;
        var loadStart = Stopwatch.GetTimestamp() + Ticks(Lead);
        var measureStart = loadStart + Ticks(o.Warmup);
        Volatile.Write(ref _measureStart, measureStart);
        var loadEnd = measureStart + Ticks(o.Duration);
        var measureStartUtc = DateTime.UtcNow + TimeSpan.FromSeconds((measureStart - Stopwatch.GetTimestamp()) / (double)second);
        var tail = (2 * o.Timeout) + Grace + Grace + TimeSpan.FromSeconds(2);
        var measuredIntervals = Intervals(o.Duration, o.Interval);

        using var recording = new RunRecording(measureStart, measureStartUtc, o.Interval, measuredIntervals + Intervals(tail, o.Interval),
            o.OutputDirectory, o.FilePrefix, sentAtIntended: o.Model == LoadModel.Closed);
        var context = new RunContext(_target, recording, o.Timeout);
        LoadPhase PhaseAt(long now) => now < measureStart ? LoadPhase.WarmUp : now < loadEnd ? LoadPhase.Load : LoadPhase.Finishing;
        using var sampler = new IntervalSampler(recording, progress, PhaseAt, loadStart, o.Warmup + o.Duration, o.ProgressEvery);

        using var open = o.Model == LoadModel.Open
            ? new OpenModelDriver(context, o.Schedule(), o.MaxInFlight, loadStart, o.RealtimeDispatcher)
            : null;
        var closed = o.Model == LoadModel.Closed ? new ClosedModelDriver(context, o.Users, o.Think, loadEnd) : null;

        sampler.Start();
        var load = open?.RunAsync(cancellationToken) ?? closed!.RunAsync(cancellationToken);

        // The open dispatcher may wait up to a timeout for a slot after the end; a closed user up to a timeout for
        // its last answer. Past that (a target that ignores cancellation) the engine stops waiting.
        await WaitAtMost(load, loadEnd + Ticks(o.Timeout + Grace), CancellationToken.None);
        context.LoadDone();
        await WaitAtMost(context.Drained, Stopwatch.GetTimestamp() + Ticks(o.Timeout + Grace), cancellationToken);

        foreach (var slot in open?.Slots ?? closed!.Slots)
        {
            slot.ForceTimeout();
        }

        sampler.Stop();
        if (context.FaultException is { } fault)
        {
            throw new InvalidOperationException("The load engine failed while recording a request.", fault);
        }

        if (load.IsFaulted && !cancellationToken.IsCancellationRequested)
        {
            await load; // the driver's own failure, thrown as it was
        }

        var report = new LoadReport(
            recording.Measured.Snapshot(),
            recording.Measured.ErrorsByKind(),
            recording.MeasuredTotals(),
            recording.Timeline.Build(measuredIntervals),
            measureStart,
            o.Duration,
            recording.Files,
            recording.Warmup.Snapshot(),
            recording.WarmupTotals(),
            o.Interval)
        {
            IntendedOffered = o.Model == LoadModel.Open && o.RateProfile() is var profile
                ? profile.Total - profile.Integral(o.Warmup.TotalSeconds)
                : null,
            Behind = open?.Behind ?? 0,
        };
        return cancellationToken.IsCancellationRequested ? throw new LoadInterruptedException(report, cancellationToken) : report;
    }

    // Intervals that cover the span, a partial last one included.
    private static int Intervals(TimeSpan span, TimeSpan interval) => (int)Math.Ceiling((span.Ticks / (double)interval.Ticks) - 1e-9);

    private static long Ticks(TimeSpan span) => (long)(span.TotalSeconds * Stopwatch.Frequency);

    // Waits for the task, the deadline or the token, whichever comes first; never throws.
    private static async Task WaitAtMost(Task task, long deadline, CancellationToken cancellationToken)
    {
        var left = TimeSpan.FromSeconds(Math.Max(0, deadline - Stopwatch.GetTimestamp()) / (double)Stopwatch.Frequency);
        using var stopDelay = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var delay = Task.Delay(left, stopDelay.Token);
        await Task.WhenAny(task, delay);
        await stopDelay.CancelAsync();
        await delay.ContinueWith(static _ => { }, TaskScheduler.Default); // observe its cancellation
    }
}
