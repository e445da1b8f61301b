using System.Diagnostics;
using ArchLab.Hlog;
using HdrHistogram;

namespace ArchLab.Harness.Ledger;

/// <summary>
/// Completions per second since the measured start with their p99, and, when asked, a <c>.hlog</c> of
/// completion latency with one interval per second. Samples are kept as (second, value) pairs and sorted
/// once at the end, so only one interval histogram exists at a time whatever the length of the run.
/// </summary>
internal sealed class CompletionTimeline(long measureStart, string? hlogPath, int capacity)
{
    private readonly List<(int Second, long Micros)> _samples = new(capacity);
    private readonly List<CompletionSecond> _perSecond = [];

    public IReadOnlyList<CompletionSecond> PerSecond => _perSecond;

    public double LastSec { get; private set; }

    public void Add(long timestamp, long micros)
    {
        var seconds = Stopwatch.GetElapsedTime(measureStart, timestamp).TotalSeconds;
        LastSec = Math.Max(LastSec, seconds);
        _samples.Add((Math.Max(0, (int)seconds), micros));
    }

    public void Finish()
    {
        _samples.Sort((a, b) => a.Second.CompareTo(b.Second));
        var start = DateTime.UtcNow - Stopwatch.GetElapsedTime(measureStart);
        var startMs = new DateTimeOffset(start).ToUnixTimeMilliseconds();
        using var writer = hlogPath is null ? null : new IntervalLogWriter(hlogPath, new DateTimeOffset(start));
        var interval = new LongHistogram(LedgerChecker.MaxMicros, 3);
        for (var i = 0; i < _samples.Count;)
        {
            var second = _samples[i].Second;
            interval.Reset();
            for (; i < _samples.Count && _samples[i].Second == second; i++)
            {
                interval.RecordValue(_samples[i].Micros);
            }

            while (_perSecond.Count < second)
            {
                _perSecond.Add(new CompletionSecond(0, null));
            }

            _perSecond.Add(new CompletionSecond(interval.TotalCount, interval.GetValueAtPercentile(99) / 1000.0));
            interval.StartTimeStamp = startMs + second * 1000L;
            interval.EndTimeStamp = interval.StartTimeStamp + 1000;
            writer?.Append(interval);
        }
    }
}
