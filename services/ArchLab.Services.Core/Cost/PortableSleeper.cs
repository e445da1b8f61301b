using System.Diagnostics;

namespace ArchLab.Services.Core.Cost;

/// <summary>
/// Where the kernel's nanosecond sleep is not at hand (not Linux): a wait with millisecond timeouts that stops a
/// couple of milliseconds short, leaving the rest to the timer's spin. Precise, at the cost of spinning longer.
/// </summary>
internal sealed class PortableSleeper : ISleeper
{
    private static readonly long Millisecond = Stopwatch.Frequency / 1000;
    private readonly AutoResetEvent _wake = new(false);

    public void OnTimerThread()
    {
    }

    public bool Sleep(long until)
    {
        if (until == long.MaxValue)
        {
            _wake.WaitOne();
            return false;
        }

        var milliseconds = (until - Stopwatch.GetTimestamp()) / Millisecond - 2;
        return milliseconds <= 0 || !_wake.WaitOne((int)Math.Min(milliseconds, int.MaxValue));
    }

    public void Wake() => _wake.Set();

    public void Dispose() => _wake.Dispose();
}
