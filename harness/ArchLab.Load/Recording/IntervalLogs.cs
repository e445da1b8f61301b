using ArchLab.Hlog;
using HdrHistogram;

namespace ArchLab.Load.Recording;

/// <summary>
/// The three <c>.hlog</c> files of a run, one interval histogram per second of the measured window, in the standard
/// interval log format. The logs start at the measured window's start, to the millisecond, and the intervals are
/// stamped from that same millisecond (<see cref="RunRecording.CloseSecond"/>), so none starts before its log.
/// </summary>
internal sealed class IntervalLogs : IDisposable
{
    private readonly IntervalLogWriter[] _logs;

    public IntervalLogs(string directory, string prefix, DateTime measureStartUtc)
    {
        AcceptPath = Path.Combine(directory, prefix + ".accept.hlog");
        AcceptUncorrectedPath = Path.Combine(directory, prefix + ".acceptUncorrected.hlog");
        SendDelayPath = Path.Combine(directory, prefix + ".sendDelay.hlog");
        var start = new DateTimeOffset(measureStartUtc);
        _logs = [new(AcceptPath, start), new(AcceptUncorrectedPath, start), new(SendDelayPath, start)];
    }

    public string AcceptPath { get; }

    public string AcceptUncorrectedPath { get; }

    public string SendDelayPath { get; }

    public void Append(HistogramBase accept, HistogramBase acceptUncorrected, HistogramBase sendDelay)
    {
        _logs[0].Append(accept);
        _logs[1].Append(acceptUncorrected);
        _logs[2].Append(sendDelay);
    }

    public void Dispose()
    {
        foreach (var log in _logs)
        {
            log.Dispose();
        }
    }
}
