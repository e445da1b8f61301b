using System.Diagnostics;
using ArchLab.Harness.Model.Semantics;
using HdrHistogram;

namespace ArchLab.Harness.Ledger;

/// <summary>
/// The <c>.hlog</c> of completion latency, one interval per timeline interval since the measured start: the books
/// hand each interval's histogram here as they shape the completions per interval.
/// </summary>
internal sealed class CompletionTimeline : IDisposable
{
    private readonly FileStream? _stream;
    private readonly HistogramLogWriter? _writer;
    private readonly TimelineGrid _grid;
    private readonly long _startMs;

    public CompletionTimeline(long measureStart, string? hlogPath, TimelineGrid grid)
    {
        _grid = grid;
        var start = DateTime.UtcNow - Stopwatch.GetElapsedTime(measureStart);
        _startMs = new DateTimeOffset(start).ToUnixTimeMilliseconds();
        _stream = hlogPath is null ? null : File.Create(hlogPath);
        _writer = _stream is null ? null : new HistogramLogWriter(_stream);
        _writer?.Write(start); // the header: format version and start time
    }

    public void Append(int index, HistogramBase interval)
    {
        interval.StartTimeStamp = _startMs + (long)Math.Round(index * _grid.IntervalSec * 1000);
        interval.EndTimeStamp = interval.StartTimeStamp + (long)Math.Round(_grid.IntervalSec * 1000);
        _writer?.Append(interval);
    }

    public void Dispose()
    {
        _writer?.Dispose();
        _stream?.Dispose();
    }
}
