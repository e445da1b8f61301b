using HdrHistogram;

namespace ArchLab.Simulation.Recording;

/// <summary>One second of an arm's timeline as the simulator counts it.</summary>
internal sealed class SecondCounts
{
    public long Offered;
    public long Accepted;
    public long Completed;
    public long Errors;
    public long? Backlog;
    public double? AcceptP99Ms;
    public double? CompletionP99Ms;
}

/// <summary>
/// The arm's latencies in HdrHistograms of microseconds with the harness's range and precision (so reports read
/// them alike), and its per-second counts. Seconds count from the start of the measured window.
/// </summary>
public sealed class ArmRecorder
{
    /// <summary>One hour in microseconds, as the harness records.</summary>
    public const long HighestMicroseconds = 3_600_000_000;

    private readonly List<SecondCounts> _seconds = [];
    private readonly LongHistogram _acceptSecond = Create();
    private readonly LongHistogram _completionSecond = Create();

    public LongHistogram Accept { get; } = Create();

    public LongHistogram Completion { get; } = Create();

    public Dictionary<string, long> ErrorsByKind { get; } = new(StringComparer.Ordinal);

    internal IReadOnlyList<SecondCounts> Seconds => _seconds;

    public static LongHistogram Create() => new(1, HighestMicroseconds, 3);

    public void Offered(double t) => At(t).Offered++;

    public void Accepted(double t, double latencySeconds, bool measured)
    {
        At(t).Accepted++;
        var us = Micros(latencySeconds);
        _acceptSecond.RecordValue(us);
        if (measured)
        {
            Accept.RecordValue(us);
        }
    }

    public void Error(double t, string kind, bool measured)
    {
        At(t).Errors++;
        if (measured)
        {
            ErrorsByKind[kind] = ErrorsByKind.GetValueOrDefault(kind) + 1;
        }
    }

    public void Completed(double t, double latencySeconds, bool measured)
    {
        At(t).Completed++;
        var us = Micros(latencySeconds);
        _completionSecond.RecordValue(us);
        if (measured)
        {
            Completion.RecordValue(us);
        }
    }

    /// <summary>Closes second <paramref name="second"/>: its p99s and the backlog seen at its end.</summary>
    public void CloseSecond(int second, long? backlog)
    {
        var counts = At(second + 0.5);
        counts.Backlog = backlog;
        counts.AcceptP99Ms = _acceptSecond.TotalCount == 0 ? null : _acceptSecond.GetValueAtPercentile(99) / 1000.0;
        counts.CompletionP99Ms = _completionSecond.TotalCount == 0 ? null : _completionSecond.GetValueAtPercentile(99) / 1000.0;
        _acceptSecond.Reset();
        _completionSecond.Reset();
    }

    private static long Micros(double seconds) => Math.Clamp((long)Math.Round(seconds * 1e6), 1, HighestMicroseconds);

    // Warm-up seconds (t < 0) are counted nowhere: the timeline, like the harness's, starts with the measured window.
    private SecondCounts At(double t)
    {
        if (t < 0)
        {
            return Discarded;
        }

        var second = (int)t;
        while (_seconds.Count <= second)
        {
            _seconds.Add(new SecondCounts());
        }

        return _seconds[second];
    }

    private SecondCounts Discarded { get; } = new();
}
