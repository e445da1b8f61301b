using System.Diagnostics;
using System.Globalization;

namespace ArchLab.JavaHdrHistogram;

/// <summary>
/// HdrHistogram's own Java library reading <c>.hlog</c> files: the tests' independent reader, sharing no code with
/// the lab's writer and reader. It is Debian's <c>libhdrhistogram-java</c> (which <c>./archlab test</c> installs), run
/// through <c>HlogSummary.java</c> beside this file, and its <c>HistogramLogProcessor</c>, the standard tool.
/// </summary>
public static class JavaHlogReader
{
    /// <summary>Where Debian's package puts the jar; <c>ARCHLAB_HDRHISTOGRAM_JAR</c> names another.</summary>
    public const string DebianJar = "/usr/share/java/hdrhistogram.jar";

    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    /// <summary>The values at the ranks floor(p*N/100) and ceiling(p*N/100), in the log's units (microseconds).</summary>
    public sealed record RankSpan(long Low, long High);

    /// <summary>What the Java reader makes of one log: the sum of the intervals it reads from the log's start on.</summary>
    /// <param name="FirstStartSec">The first interval's start, in seconds after the log's <c>#[StartTime]</c>; NaN for none.</param>
    public sealed record Summary(long Count, long Max, int Intervals, double FirstStartSec, RankSpan P50, RankSpan P90, RankSpan P99, RankSpan P999);

    /// <summary>Reads every file with one Java process; the result is keyed by the paths given.</summary>
    public static async Task<IReadOnlyDictionary<string, Summary>> ReadAsync(IReadOnlyCollection<string> paths)
    {
        var source = Path.Combine(AppContext.BaseDirectory, "JavaHdrHistogram", "HlogSummary.java");
        var output = await RunJavaAsync(["-cp", Jar(), source, .. paths]);
        var summaries = new Dictionary<string, Summary>();
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var path = paths.Single(p => line.StartsWith(p + " ", StringComparison.Ordinal));
            var fields = line[(path.Length + 1)..].Split(' ').Select(f => f.Split('=')).ToDictionary(f => f[0], f => f[1]);
            summaries[path] = new Summary(
                long.Parse(fields["count"], CultureInfo.InvariantCulture),
                long.Parse(fields["max"], CultureInfo.InvariantCulture),
                int.Parse(fields["intervals"], CultureInfo.InvariantCulture),
                double.Parse(fields["firstStart"], CultureInfo.InvariantCulture),
                Span(fields["p50"]), Span(fields["p90"]), Span(fields["p99"]), Span(fields["p99.9"]));
        }

        Assert.True(summaries.Count == paths.Count, $"the Java reader summarised {summaries.Count} of {paths.Count} logs:\n{output}");
        return summaries;
    }

    /// <summary>What <c>HistogramLogProcessor -i path</c> prints: the percentile distribution of the whole log.</summary>
    public static Task<string> ProcessAsync(string path) =>
        RunJavaAsync(["-cp", Jar(), "org.HdrHistogram.HistogramLogProcessor", "-i", path]);

    private static RankSpan Span(string text)
    {
        var parts = text.Split("..");
        return new RankSpan(long.Parse(parts[0], CultureInfo.InvariantCulture), long.Parse(parts[1], CultureInfo.InvariantCulture));
    }

    private static string Jar()
    {
        var jar = Environment.GetEnvironmentVariable("ARCHLAB_HDRHISTOGRAM_JAR") is { Length: > 0 } named ? named : DebianJar;
        Assert.True(File.Exists(jar),
            $"{jar} is missing: the .hlog tests read the logs with HdrHistogram's Java library, the Debian package libhdrhistogram-java " +
            "(./archlab test installs it; or apt-get install -y libhdrhistogram-java default-jre-headless).");
        return jar;
    }

    private static async Task<string> RunJavaAsync(IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo("java")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            Assert.Fail($"java could not be started ({e.Message}): the .hlog tests need a Java runtime (apt-get install -y default-jre-headless).");
        }

        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"java did not finish within {Timeout.TotalSeconds} s: {string.Join(' ', start.ArgumentList)}");
        }

        var (stdout, stderr) = (await output, await error);
        Assert.True(process.ExitCode == 0 && stderr.Length == 0,
            $"java exited with {process.ExitCode}: {string.Join(' ', start.ArgumentList)}\n{stderr}\n{stdout}");
        return stdout;
    }
}
