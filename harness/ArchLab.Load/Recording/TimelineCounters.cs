namespace ArchLab.Load.Recording;

/// <summary>
/// Per-interval counts of the measured window, indexed by the interval a timestamp falls in. Fixed arrays sized from
/// the run's length (plus the longest possible tail), so memory stays bounded and the hot path is one
/// interlocked add. A timestamp past the end lands in the last slot rather than failing.
/// </summary>
internal sealed class TimelineCounters
{
    private readonly long _origin;
    private readonly long _intervalTicks;
    private readonly long[] _offered;
    private readonly long[] _sent;
    private readonly long[] _accepted;
    private readonly long[] _errors;
    private readonly long[] _dropped;
    private readonly long[] _inFlight;
    private readonly double[] _acceptP99Ms;

    /// <param name="origin">Stopwatch ticks of the start of interval 0.</param>
    /// <param name="intervalTicks">Stopwatch ticks of one interval.</param>
    /// <param name="intervals">How many intervals to keep.</param>
    public TimelineCounters(long origin, long intervalTicks, int intervals)
    {
        _origin = origin;
        _intervalTicks = intervalTicks;
        _offered = new long[intervals];
        _sent = new long[intervals];
        _accepted = new long[intervals];
        _errors = new long[intervals];
        _dropped = new long[intervals];
        _inFlight = new long[intervals];
        _acceptP99Ms = new double[intervals];
        Array.Fill(_acceptP99Ms, double.NaN);
    }

    public int Capacity => _offered.Length;

    public void CountOffered(long intended) => Interlocked.Increment(ref _offered[IntervalOf(intended)]);

    public void CountSent(long sent) => Interlocked.Increment(ref _sent[IntervalOf(sent)]);

    public void CountOfferedAndSent(long at)
    {
        var interval = IntervalOf(at);
        Interlocked.Increment(ref _offered[interval]);
        Interlocked.Increment(ref _sent[interval]);
    }

    public void CountOfferedAndSent(int interval, long count)
    {
        Interlocked.Add(ref _offered[interval], count);
        Interlocked.Add(ref _sent[interval], count);
    }

    public void CountAccepted(int interval, long count) => Interlocked.Add(ref _accepted[interval], count);

    public void CountDropped(long at) => Interlocked.Increment(ref _dropped[IntervalOf(at)]);

    /// <param name="interval">The interval the request ended in, from <see cref="IntervalOf"/>.</param>
    public void CountEnded(int interval, bool accepted) =>
        Interlocked.Increment(ref (accepted ? _accepted : _errors)[interval]);

    /// <summary>The interval a timestamp falls in, counted from the start of interval 0 and kept within the arrays.</summary>
    public int IntervalOf(long timestamp) => (int)Math.Clamp((timestamp - _origin) / _intervalTicks, 0, Capacity - 1);

    /// <summary>Set by the sampler at the end of the interval.</summary>
    public void SetInFlight(int interval, long inFlight) => _inFlight[Math.Clamp(interval, 0, Capacity - 1)] = inFlight;

    /// <summary>Set by the sampler once the interval's answers are in.</summary>
    public void SetAcceptP99(int interval, double? acceptP99Ms) =>
        _acceptP99Ms[Math.Clamp(interval, 0, Capacity - 1)] = acceptP99Ms ?? double.NaN;

    /// <summary>The accept p99 of a closed interval, ms; null when it had no answer.</summary>
    public double? AcceptP99Of(int interval) =>
        _acceptP99Ms[Math.Clamp(interval, 0, Capacity - 1)] is var p99 && !double.IsNaN(p99) ? p99 : null;

    /// <summary>The measured intervals, then tail intervals up to the last one where anything happened.</summary>
    public IReadOnlyList<TimelineInterval> Build(int measuredIntervals)
    {
        var last = Math.Min(measuredIntervals, Capacity) - 1;
        for (var i = Capacity - 1; i > last; i--)
        {
            if (_offered[i] + _sent[i] + _accepted[i] + _errors[i] + _dropped[i] > 0)
            {
                last = i;
                break;
            }
        }

        var intervals = new TimelineInterval[last + 1];
        for (var i = 0; i <= last; i++)
        {
            intervals[i] = new TimelineInterval(i, _offered[i], _sent[i], _accepted[i], _errors[i], _dropped[i], _inFlight[i],
                double.IsNaN(_acceptP99Ms[i]) ? null : _acceptP99Ms[i]);
        }

        return intervals;
    }
}
