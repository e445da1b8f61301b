using System.Diagnostics;
using System.Runtime.CompilerServices;

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
public sealed class PreciseTimer : IDisposable
{
    private static readonly long Microsecond = Math.Max(1, Stopwatch.Frequency / 1_000_000);
    private static readonly Lazy<PreciseTimer> SharedTimer = new(() => new PreciseTimer());

    private readonly PriorityQueue<Waiter, long> _heap = new();
    private readonly List<Waiter> _due = [];
    private readonly Lock _gate = new();
    private readonly ISleeper _sleeper;
    private readonly Thread _thread;
    private readonly WakeLead _lead = new(Microsecond);
    private long _target = long.MaxValue;
    private long _completed;
    private long _lateTicks;
    private volatile bool _disposed;

    public PreciseTimer()
    {
        _sleeper = OperatingSystem.IsLinux() ? new KernelSleeper() : new PortableSleeper();
        _thread = new Thread(Run) { IsBackground = true, Name = "archlab-precise-timer" };
        _thread.Start();
    }

    /// <summary>The timer every step of this process waits on.</summary>
    public static PreciseTimer Shared => SharedTimer.Value;

    /// <summary>How early before a deadline the thread asks the kernel to wake it, in microseconds: learnt, for the figures.</summary>
    public double WakeLeadMicros => (double)_lead.Ticks / Microsecond;

    /// <summary>Waits completed so far, and how late the timer's thread completed them on average, in microseconds (before the thread-pool hop).</summary>
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
    public Task WaitAsync(TimeSpan time, CancellationToken cancellationToken = default) =>
        time <= TimeSpan.Zero ? Task.CompletedTask
            : WaitUntilAsync(Stopwatch.GetTimestamp() + (long)(time.TotalSeconds * Stopwatch.Frequency), cancellationToken);

    /// <summary>Completes at the <see cref="Stopwatch"/> timestamp <paramref name="deadline"/>, on a thread-pool thread.</summary>
    public Task WaitUntilAsync(long deadline, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled(cancellationToken);
        }

        if (deadline <= Stopwatch.GetTimestamp())
        {
            return Task.CompletedTask;
        }

        var waiter = new Waiter();
        bool earlier;
        lock (_gate)
        {
            _heap.Enqueue(waiter, deadline);
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

        waiter.CancelOn(cancellationToken);
        return waiter.Task;
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _sleeper.Wake();
        _thread.Join();
        _sleeper.Dispose();
        lock (_gate)
        {
            while (_heap.TryDequeue(out var waiter, out _))
            {
                waiter.TrySetException(new ObjectDisposedException(nameof(PreciseTimer)));
            }
        }
    }

    private void Run()
    {
        _sleeper.OnTimerThread();
        while (!_disposed)
        {
            var now = Stopwatch.GetTimestamp();
            long next;
            lock (_gate)
            {
                while (_heap.TryPeek(out var waiter, out var deadline) && deadline <= now)
                {
                    _heap.Dequeue();
                    _due.Add(waiter);
                    _completed++;
                    _lateTicks += now - deadline;
                }

                next = _heap.TryPeek(out _, out var earliest) ? earliest : long.MaxValue;
                _target = next;
            }

            // Completing runs no step code here: the continuations go to the thread pool.
            foreach (var waiter in _due)
            {
                waiter.Complete();
            }

            _due.Clear();
            if (next == long.MaxValue)
            {
                _sleeper.Sleep(long.MaxValue);
                continue;
            }

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

    /// <summary>One waiting step; its continuation never runs on the timer's thread.</summary>
    private sealed class Waiter() : TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)
    {
        // Boxed so that the timer's thread reads it whole while the waiting thread may still be setting it.
        private StrongBox<CancellationTokenRegistration>? _registration;

        public void CancelOn(CancellationToken cancellationToken)
        {
            if (!cancellationToken.CanBeCanceled)
            {
                return;
            }

            // A cancelled wait stays in the heap until its deadline; completing it then does nothing.
            var registration = new StrongBox<CancellationTokenRegistration>(
                cancellationToken.UnsafeRegister(static (state, token) => ((Waiter)state!).TrySetCanceled(token), this));
            Volatile.Write(ref _registration, registration);
            if (Task.IsCompleted)
            {
                registration.Value.Dispose();
            }
        }

        public void Complete()
        {
            TrySetResult();
            Volatile.Read(ref _registration)?.Value.Dispose();
        }
    }
}
