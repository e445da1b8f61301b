using System.Diagnostics;

namespace ArchLab.Services.Core.Cost;

/// <summary>
/// The process's one precise timer for steps that wait. <c>Task.Delay</c> rounds a wait up to the runtime's timer
/// tick and adds a thread-pool hop: on Linux a 1 ms delay takes about 4 ms and a 10 ms one about 12, so every
/// step ran longer than its scenario said. Here one dedicated thread keeps the deadlines of the waiting steps in a
/// heap, sleeps in the kernel until shortly before the earliest one (<see cref="KernelSleeper"/>: nanosecond
/// timeouts, 1 ns timer slack), spins the last tens of microseconds, and completes every wait that is due. How
/// early it wakes is learnt from how late the kernel has woken it, so the spin stays short on a quiet machine and
/// the deadline is still met on a busy one.
/// </summary>
/// <remarks>
/// A completed wait's continuation (the rest of the step: its ledger record, its answer) runs on the timer's own
/// thread, one after another, as long as the continuations have been short (under 50 µs on average) and the next
/// deadline is not due before one more could end; the rest go to the thread pool. Handing every continuation to the
/// pool would add a second wake-up to each step, that of a parked pool thread, which on two busy cores is tens to
/// hundreds of microseconds and made a 1 ms step 10-20% long; the timer's thread is awake already.
/// </remarks>
public sealed class PreciseTimer : IDisposable
{
    private static readonly long Microsecond = Math.Max(1, Stopwatch.Frequency / 1_000_000);
    private static readonly Lazy<PreciseTimer> SharedTimer = new(() => new PreciseTimer());

    private readonly PriorityQueue<TimerWait, long> _heap = new();
    private readonly List<TimerWait> _due = [];
    private readonly Lock _gate = new();
    private readonly ISleeper _sleeper;
    private readonly Thread _thread;
    private readonly WakeLead _lead = new(Microsecond);
    private readonly bool _inline;
    private double _continuationTicks;
    private long _target = long.MaxValue;
    private long _completed;
    private long _lateTicks;
    private volatile bool _disposed;
    private bool _closeOnExit;

    /// <param name="inline">
    /// Whether continuations may run on the timer's thread (the default). False sends every continuation to the
    /// thread pool: for measuring what that costs.
    /// </param>
    public PreciseTimer(bool inline = true)
    {
        _inline = inline;
        _sleeper = OperatingSystem.IsLinux() ? new KernelSleeper() : new PortableSleeper();
        _thread = new Thread(Run) { IsBackground = true, Name = "archlab-precise-timer" };
        _thread.Start();
    }

    /// <summary>The timer every step of this process waits on.</summary>
    public static PreciseTimer Shared => SharedTimer.Value;

    /// <summary>How early before a deadline the thread asks the kernel to wake it, in microseconds: learnt, for the figures.</summary>
    public double WakeLeadMicros => (double)_lead.Ticks / Microsecond;

    /// <summary>Waits completed so far, and how late the timer's thread completed them on average, in microseconds.</summary>
    public (long Completed, double MeanLateMicros) Lateness
    {
        get
        {
            lock (_gate)
            {
                return (_completed, _completed == 0 ? 0 : (double)_lateTicks / _completed / Microsecond);
            }
        }
    }

    /// <summary>Completes <paramref name="time"/> from now.</summary>
    public ValueTask WaitAsync(TimeSpan time, CancellationToken cancellationToken = default) =>
        time <= TimeSpan.Zero ? ValueTask.CompletedTask
            : WaitUntilAsync(Stopwatch.GetTimestamp() + (long)(time.TotalSeconds * Stopwatch.Frequency), cancellationToken);

    /// <summary>Completes at the <see cref="Stopwatch"/> timestamp <paramref name="deadline"/>; await it once.</summary>
    public ValueTask WaitUntilAsync(long deadline, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled(cancellationToken);
        }

        if (deadline <= Stopwatch.GetTimestamp())
        {
            return ValueTask.CompletedTask;
        }

        var wait = new TimerWait();
        bool earlier;
        lock (_gate)
        {
            _heap.Enqueue(wait, deadline);
            earlier = deadline < _target;
            if (earlier)
            {
                _target = deadline;
            }
        }

        if (earlier)
        {
            _sleeper.Wake();
        }

        wait.CancelOn(cancellationToken);
        return wait.Task;
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _sleeper.Wake();
        if (Thread.CurrentThread == _thread)
        {
            // Disposed by a continuation running on the timer's own thread, which cannot wait for itself: the loop
            // ends when the continuation returns, and closes the sleeper then.
            _closeOnExit = true;
            FailPending();
            return;
        }

        _thread.Join();
        _sleeper.Dispose();
        FailPending();
    }

    private void FailPending()
    {
        lock (_gate)
        {
            while (_heap.TryDequeue(out var wait, out _))
            {
                wait.TryFail(new ObjectDisposedException(nameof(PreciseTimer)));
            }
        }
    }

    private void Run()
    {
        _sleeper.OnTimerThread();
        Loop();
        if (_closeOnExit)
        {
            _sleeper.Dispose();
        }
    }

    private void Loop()
    {
        while (!_disposed)
        {
            var now = Stopwatch.GetTimestamp();
            long next;
            lock (_gate)
            {
                while (_heap.TryPeek(out var wait, out var deadline) && deadline <= now)
                {
                    _heap.Dequeue();
                    _due.Add(wait);
                    _completed++;
                    _lateTicks += now - deadline;
                }

                next = _heap.TryPeek(out _, out var earliest) ? earliest : long.MaxValue;
                _target = next;
            }

            CompleteDue(next);
            _due.Clear();
            if (next == long.MaxValue)
            {
                _sleeper.Sleep(long.MaxValue);
                continue;
            }

            now = Stopwatch.GetTimestamp();
            var wakeAt = next - _lead.Ticks;
            if (wakeAt > now)
            {
                if (_sleeper.Sleep(wakeAt))
                {
                    _lead.Learn(Stopwatch.GetTimestamp() - wakeAt);
                }

                continue;
            }

            // The last stretch: spin until the earliest deadline, which a new wait may have moved closer.
            while (Stopwatch.GetTimestamp() < Volatile.Read(ref _target) && !_disposed)
            {
                Thread.SpinWait(16);
            }
        }
    }

    /// <summary>
    /// Completes the waits that are due: on this thread while continuations are short and <paramref name="next"/>
    /// leaves room for one more, on the thread pool after that.
    /// </summary>
    private void CompleteDue(long next)
    {
        var inline = _inline;
        if (_continuationTicks >= 50 * Microsecond)
        {
            // Long continuations went to the pool; the estimate fades so that the timer's thread tries again.
            _continuationTicks *= 0.9;
            inline = false;
        }

        foreach (var wait in _due)
        {
            var now = Stopwatch.GetTimestamp();
            // A continuation may have added a wait due sooner than the next one in the heap was.
            inline &= Math.Min(next, Volatile.Read(ref _target)) - now > _lead.Ticks + (2 * (long)_continuationTicks);
            wait.TryComplete(inline);
            if (inline)
            {
                // How long the continuations take, averaged over about the last 16; one held up for milliseconds
                // (the thread was preempted) counts as 200 µs.
                var took = Math.Min(Stopwatch.GetTimestamp() - now, 200 * Microsecond);
                _continuationTicks += (took - _continuationTicks) / 16;
            }
        }
    }
}
