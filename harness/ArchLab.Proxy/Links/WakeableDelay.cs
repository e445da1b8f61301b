using System.Diagnostics;
using System.Threading.Tasks.Sources;

namespace ArchLab.Proxy.Links;

/// <summary>
/// A wait until a time that another thread can cut short, reused for every wait of one writer so that a chunk waiting
/// on a toxic allocates nothing. A wake that comes while nobody waits is kept for the next wait: a change of the toxics
/// between a plan and its wait is never missed.
/// </summary>
internal sealed class WakeableDelay : IValueTaskSource<bool>, IDisposable
{
    /// <summary>Closer than this to its time, a wait ends at once rather than take a timer round (about 1 ms).</summary>
    private static readonly long Slack = Stopwatch.Frequency / 5000;

    private readonly Lock _gate = new();
    private ManualResetValueTaskSourceCore<bool> _core = new() { RunContinuationsAsynchronously = true };
    private Timer? _timer;
    private bool _waiting;
    private bool _wakePending;
    private bool _disposed;
    private long _due;

    /// <summary>True when <paramref name="due"/> (Stopwatch ticks; <see cref="long.MaxValue"/> for never) came, false
    /// when woken first or disposed.</summary>
    public ValueTask<bool> WaitUntilAsync(long due)
    {
        lock (_gate)
        {
            if (_wakePending || _disposed)
            {
                _wakePending = false;
                return ValueTask.FromResult(false);
            }

            var remaining = due - Stopwatch.GetTimestamp();
            if (remaining <= Slack)
            {
                return ValueTask.FromResult(true);
            }

            _core.Reset();
            _waiting = true;
            _due = due;
            if (due != long.MaxValue)
            {
                Arm(remaining);
            }

            return new ValueTask<bool>(this, _core.Version);
        }
    }

    /// <summary>Ends the current wait with false, or the next one if nobody waits.</summary>
    public void Wake()
    {
        lock (_gate)
        {
            if (!_waiting)
            {
                _wakePending = true;
                return;
            }

            _waiting = false;
            _timer?.Change(Timeout.Infinite, Timeout.Infinite);
            _core.SetResult(false);
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            _timer?.Dispose();
            if (_waiting)
            {
                _waiting = false;
                _core.SetResult(false);
            }
        }
    }

    private void Arm(long remaining)
    {
        // Whole milliseconds, rounded up: the timer must not fire before the time.
        var milliseconds = (long)Math.Ceiling(remaining * 1000.0 / Stopwatch.Frequency);
        _timer ??= new Timer(static d => ((WakeableDelay)d!).OnTimer(), this, Timeout.Infinite, Timeout.Infinite);
        _timer.Change(milliseconds, Timeout.Infinite);
    }

    private void OnTimer()
    {
        lock (_gate)
        {
            if (!_waiting || _disposed)
            {
                return; // a late tick of a wait that was woken
            }

            var remaining = _due - Stopwatch.GetTimestamp();
            if (remaining > Slack)
            {
                Arm(remaining); // a tick armed for an earlier wait
                return;
            }

            _waiting = false;
            _core.SetResult(true);
        }
    }

    bool IValueTaskSource<bool>.GetResult(short token) => _core.GetResult(token);

    ValueTaskSourceStatus IValueTaskSource<bool>.GetStatus(short token) => _core.GetStatus(token);

    void IValueTaskSource<bool>.OnCompleted(Action<object?> continuation, object? state, short token,
        ValueTaskSourceOnCompletedFlags flags) => _core.OnCompleted(continuation, state, token, flags);
}
