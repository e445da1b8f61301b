namespace ArchLab.Services.Core.Cost;

/// <summary>
/// How early the timer's thread asks to be woken before a deadline: the kernel's usual lateness in waking it plus a
/// few microseconds, learnt from every timed sleep (a moving average over about the last 32). Too little lead and
/// the steps end late; too much and the thread spins for nothing, which on two shared cores is a step's worth of
/// CPU taken from the services. A wake later than the lead is late by the lateness's spread, a few microseconds.
/// </summary>
internal sealed class WakeLead(long microsecond)
{
    private readonly long _min = 10 * microsecond;
    private readonly long _max = 300 * microsecond;
    private readonly long _margin = 5 * microsecond;
    private double _lateness = 50 * microsecond;

    /// <summary>The lead in <see cref="System.Diagnostics.Stopwatch"/> ticks.</summary>
    public long Ticks { get; private set; } = 60 * microsecond;

    /// <summary>Takes in how late the kernel woke the thread after a sleep that ran its course.</summary>
    public void Learn(long lateTicks)
    {
        // A wake far later than usual (the thread waited for a core) says little about the next one: it counts, capped.
        var late = Math.Clamp(lateTicks, 0, _max);
        _lateness += (late - _lateness) / 32;
        Ticks = Math.Clamp((long)_lateness + _margin, _min, _max);
    }
}
