using System.Diagnostics;
using ArchLab.Harness.Model.Semantics;
using ArchLab.Hlog;
using HdrHistogram;

namespace ArchLab.Harness.Ledger;

/// <summary>
/// The <c>.hlog</c> of completion latency, one interval per timeline interval since the measured start: the books
/// hand each interval's histogram here as they shape the completions per interval. The log starts at the measured
/// start, to the millisecond, and every interval is stamped from that same millisecond, so none starts before it.
/// </summary>
internal sealed class CompletionTimeline : IDisposable
{
    private readonly IntervalLogWriter? _writer;
    private readonly TimelineGrid _grid;
    private readonly long _startMs;

    public CompletionTimeline(long measureStart, string? hlogPath, TimelineGrid grid)
    {
        _grid = grid;
        var start = new DateTimeOffset(DateTime.UtcNow - Stopwatch.GetElapsedTime(measureStart));
        _writer = hlogPath is null ? null : new IntervalLogWriter(hlogPath, start);
        _startMs = _writer?.StartUnixMs ?? start.ToUnixTimeMilliseconds();
    }

    public void Append(int index, HistogramBase interval)
    {
        interval.StartTimeStamp = _startMs + (long)Math.Round(index * _grid.IntervalSec * 1000);
        interval.EndTimeStamp = interval.StartTimeStamp + (long)Math.Round(_grid.IntervalSec * 1000);
        _writer?.Append(interval);
    }

    public void Dispose() => _writer?.Dispose();
}
