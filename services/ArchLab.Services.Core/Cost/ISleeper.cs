namespace ArchLab.Services.Core.Cost;

/// <summary>How the precise timer's thread sleeps until a moment, and how another thread wakes it sooner.</summary>
internal interface ISleeper : IDisposable
{
    /// <summary>Called once on the timer's thread before its first sleep (per-thread settings go here).</summary>
    void OnTimerThread();

    /// <summary>Sleeps until the <see cref="System.Diagnostics.Stopwatch"/> timestamp, or forever for <see cref="long.MaxValue"/>; true when the time ran out, false when woken.</summary>
    bool Sleep(long until);

    /// <summary>Ends the current sleep, or the next one if the thread is not asleep.</summary>
    void Wake();
}
