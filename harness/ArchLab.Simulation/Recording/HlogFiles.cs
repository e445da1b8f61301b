using ArchLab.Hlog;
using HdrHistogram;

namespace ArchLab.Simulation.Recording;

/// <summary>
/// Writes a simulated arm's <c>&lt;arm&gt;.accept.hlog</c>, <c>.acceptUncorrected.hlog</c> and <c>.completion.hlog</c>,
/// the files the reports draw percentile spectra from. One interval holds the whole measured window, stamped with
/// the simulated run's fixed start, so the files are as reproducible as <c>results.json</c>.
/// </summary>
public static class HlogFiles
{
    public static void Write(string folder, ArmHistograms arm, DateTimeOffset start, double measuredSeconds)
    {
        ArgumentNullException.ThrowIfNull(arm);
        Write(Path.Combine(folder, $"{arm.Arm}.accept.hlog"), arm.Accept, start, measuredSeconds);
        Write(Path.Combine(folder, $"{arm.Arm}.acceptUncorrected.hlog"), arm.Accept, start, measuredSeconds);
        Write(Path.Combine(folder, $"{arm.Arm}.completion.hlog"), arm.Completion, start, measuredSeconds);
    }

    private static void Write(string path, HistogramBase histogram, DateTimeOffset start, double seconds)
    {
        var copy = histogram.Copy();
        copy.StartTimeStamp = start.ToUnixTimeMilliseconds();
        copy.EndTimeStamp = start.ToUnixTimeMilliseconds() + (long)(seconds * 1000);
        using var writer = new IntervalLogWriter(path, start);
        writer.Append(copy);
    }
}
