using HdrHistogram;

namespace ArchLab.Load.Recording;

/// <summary>The three <c>.hlog</c> files of a run, one interval histogram per second of the measured window.</summary>
internal sealed class IntervalLogs : IDisposable
{
    private readonly (FileStream File, HistogramLogWriter Writer)[] _logs;

    public IntervalLogs(string directory, string prefix, DateTime measureStartUtc)
    {
        AcceptPath = Path.Combine(directory, prefix + ".accept.hlog");
        AcceptUncorrectedPath = Path.Combine(directory, prefix + ".acceptUncorrected.hlog");
        SendDelayPath = Path.Combine(directory, prefix + ".sendDelay.hlog");
        _logs = [Open(AcceptPath, measureStartUtc), Open(AcceptUncorrectedPath, measureStartUtc), Open(SendDelayPath, measureStartUtc)];
    }

    public string AcceptPath { get; }

    public string AcceptUncorrectedPath { get; }

    public string SendDelayPath { get; }

    public void Append(HistogramBase accept, HistogramBase acceptUncorrected, HistogramBase sendDelay)
    {
        _logs[0].Writer.Append(accept);
        _logs[1].Writer.Append(acceptUncorrected);
        _logs[2].Writer.Append(sendDelay);
    }

    public void Dispose()
    {
        foreach (var (file, writer) in _logs)
        {
            writer.Dispose();
            file.Dispose();
        }
    }

    private static (FileStream, HistogramLogWriter) Open(string path, DateTime startUtc)
    {
        var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read);
        var writer = new HistogramLogWriter(file);
        writer.Write(startUtc); // the header: version, start time, legend
        return (file, writer);
    }
}
