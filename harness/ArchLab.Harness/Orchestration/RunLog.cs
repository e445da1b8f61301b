using System.Diagnostics;
using System.Globalization;

namespace ArchLab.Harness.Orchestration;

/// <summary>
/// <c>logs/harness.log</c>: what the harness did and when, one line per step (broker up, roles ready,
/// primed, load done, faults, drained, checked), so a slow or failed arm can be read afterwards.
/// </summary>
public sealed class RunLog : IDisposable
{
    private readonly StreamWriter _writer;
    private readonly Lock _gate = new();
    private readonly long _start = Stopwatch.GetTimestamp();

    public RunLog(string path) =>
        _writer = new StreamWriter(new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite)) { AutoFlush = true };

    /// <summary>A log that writes nothing, for callers that run an arm on their own.</summary>
    public static RunLog None { get; } = new(Stream.Null);

    private RunLog(Stream stream) => _writer = new StreamWriter(stream);

    public void Write(string arm, string message)
    {
        var line = string.Create(CultureInfo.InvariantCulture,
            $"{DateTime.UtcNow:HH:mm:ss.fff} +{Stopwatch.GetElapsedTime(_start).TotalSeconds,8:0.000}s [{arm}] {message}");
        lock (_gate)
        {
            _writer.WriteLine(line);
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _writer.Dispose();
        }
    }
}
