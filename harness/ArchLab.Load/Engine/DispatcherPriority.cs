using System.Diagnostics;

namespace ArchLab.Load.Engine;

/// <summary>
/// Keeps the dispatcher thread at real-time priority (SCHED_FIFO 1) while it is on schedule, where permitted.
/// On a machine shared with busy processes a normal thread can wait milliseconds for a core after each sleep
/// (measured at 2,000/s beside a compiler on both cores: send delay p99 2-3 ms at nice -10, 0.1 ms at real-time).
/// A real-time thread that keeps working would starve everything else, the target included, so once the dispatcher
/// falls behind (catching up after waiting for slots, or a rate it cannot sustain) it drops to normal priority
/// (nice -10) until it is on schedule again. Transitions are rare, so the system calls cost nothing per request.
/// </summary>
internal sealed class DispatcherPriority
{
    private static readonly long BehindAfter = Stopwatch.Frequency / 500; // 2 ms late

    private readonly bool _wantRealtime;
    private bool _realtime;

    public DispatcherPriority(bool wantRealtime) => _wantRealtime = wantRealtime && LinuxThread.IsAvailable;

    /// <summary>Call on the dispatcher thread before the first wait.</summary>
    public void Enter()
    {
        if (!LinuxThread.IsAvailable)
        {
            return;
        }

        LinuxThread.UseFineTimerSlack();
        _realtime = _wantRealtime && LinuxThread.TryUseRealtime();
        if (!_realtime)
        {
            LinuxThread.UseRaisedNormal();
        }
    }

    /// <summary>After each wait: whether the thread had to wait (on schedule) and how late it now is.</summary>
    public void Observe(bool waited, long lateTicks)
    {
        if (_realtime && !waited && lateTicks > BehindAfter)
        {
            LinuxThread.UseRaisedNormal();
            _realtime = false;
        }
        else if (!_realtime && _wantRealtime && waited)
        {
            _realtime = LinuxThread.TryUseRealtime();
        }
    }
}
