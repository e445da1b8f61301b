using System.Diagnostics;

namespace ArchLab.Load.Recording;

/// <summary>
/// Per-second counts of the measured window, indexed by the second a timestamp falls in. Fixed arrays sized from
/// the run's length (plus the longest possible tail), so memory stays bounded and the hot path is one
/// interlocked add. A timestamp past the end lands in the last slot rather than failing.
/// </summary>
internal sealed class TimelineCounters
{
    private readonly long _origin;
    private readonly long[] _offered;
    private readonly long[] _sent;
    private readonly long[] _accepted;
    private readonly long[] _errors;
    private readonly long[] _dropped;
    private readonly long[] _inFlight;
    private readonly double[] _acceptP99Ms;

    /// <param name="origin">Stopwatch ticks of the start of second 0.</param>
    /// <param name="seconds">How many seconds to keep.</param>
    public TimelineCounters(long origin, int seconds)
    {
        _origin = origin;
        _offered = new long[seconds];
        _sent = new long[seconds];
        _accepted = new long[seconds];
        _errors = new long[seconds];
        _dropped = new long[seconds];
        _inFlight = new long[seconds];
        _acceptP99Ms = new double[seconds];
        Array.Fill(_acceptP99Ms, double.NaN);
    }

    public int Capacity => _offered.Length;

    public void CountOffered(long intended) => Interlocked.Increment(ref _offered[SecondOf(intended)]);

    public void CountSent(long sent) => Interlocked.Increment(ref _sent[SecondOf(sent)]);

    public void CountOfferedAndSent(long at)
    {
        var second = SecondOf(at);
        Interlocked.Increment(ref _offered[second]);
        Interlocked.Increment(ref _sent[second]);
    }

    public void CountDropped(long at) => Interlocked.Increment(ref _dropped[SecondOf(at)]);

    /// <param name="second">The second the request ended in, from <see cref="SecondOf"/>.</param>
    public void CountEnded(int second, bool accepted) =>
        Interlocked.Increment(ref (accepted ? _accepted : _errors)[second]);

    /// <summary>The second a timestamp falls in, counted from the start of second 0 and kept within the arrays.</summary>
    public int SecondOf(long timestamp) => (int)Math.Clamp((timestamp - _origin) / Stopwatch.Frequency, 0, Capacity - 1);

    /// <summary>Set by the sampler at the end of the second.</summary>
    public void SetInFlight(int second, long inFlight) => _inFlight[Math.Clamp(second, 0, Capacity - 1)] = inFlight;

    /// <summary>Set by the sampler once the second's answers are in.</summary>
    public void SetAcceptP99(int second, double? acceptP99Ms) =>
        _acceptP99Ms[Math.Clamp(second, 0, Capacity - 1)] = acceptP99Ms ?? double.NaN;

    /// <summary>The measured seconds, then tail seconds up to the last one where anything happened.</summary>
    public IReadOnlyList<TimelineSecond> Build(int measuredSeconds)
    {
        var last = Math.Min(measuredSeconds, Capacity) - 1;
        for (var i = Capacity - 1; i > last; i--)
        {
            if (_offered[i] + _sent[i] + _accepted[i] + _errors[i] + _dropped[i] > 0)
            {
                last = i;
                break;
            }
        }

        var seconds = new TimelineSecond[last + 1];
        for (var i = 0; i <= last; i++)
        {
            seconds[i] = new TimelineSecond(i, _offered[i], _sent[i], _accepted[i], _errors[i], _dropped[i], _inFlight[i],
                double.IsNaN(_acceptP99Ms[i]) ? null : _acceptP99Ms[i]);
        }

        return seconds;
    }
}
