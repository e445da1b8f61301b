using ArchLab.Harness.Model.Results;

namespace ArchLab.JavaHdrHistogram;

/// <summary>
/// Every <c>.hlog</c> of a run folder, read by HdrHistogram's Java library, holds the latencies <c>results.json</c>
/// reports: the same count, and the same maximum and percentiles within HdrHistogram's precision.
/// </summary>
public static class RunLogs
{
    public static async Task AssertAgreeWithResultsAsync(string folder)
    {
        var results = ResultsJson.Read(Path.Combine(folder, "results.json"));
        var reported = new Dictionary<string, LatencySummary?>();
        foreach (var arm in results.Arms)
        {
            reported[$"{arm.Name}.accept.hlog"] = arm.LatencyMs.Accept;
            reported[$"{arm.Name}.acceptUncorrected.hlog"] = arm.LatencyMs.AcceptUncorrected;
            reported[$"{arm.Name}.sendDelay.hlog"] = arm.LatencyMs.SendDelay;
            reported[$"{arm.Name}.completion.hlog"] = arm.LatencyMs.Completion;
        }

        var files = Directory.GetFiles(folder, "*.hlog");
        var names = files.Select(Path.GetFileName).ToHashSet();
        Assert.All(reported.Where(r => r.Value is not null), r => Assert.True(names.Contains(r.Key), $"results.json reports a latency and {r.Key} is missing"));
        var decoded = await JavaHlogReader.ReadAsync(files);
        foreach (var file in files)
        {
            var name = Path.GetFileName(file);
            Assert.True(reported.TryGetValue(name, out var expected), $"{name} is the log of no arm's latency in results.json");
            AssertAgrees(name, expected, decoded[file]);
        }
    }

    /// <summary>A decoded log against the summary of the same latency (milliseconds); null: no latency reported.</summary>
    public static void AssertAgrees(string name, LatencySummary? expected, JavaHlogReader.Summary decoded)
    {
        if (expected is null)
        {
            Assert.True(decoded.Count == 0, $"{name}: results.json reports no latency, the log holds {decoded.Count} values");
            return;
        }

        Assert.True(decoded.Count == expected.Count,
            $"{name}: HdrHistogram's Java reader reads {decoded.Count} values in {decoded.Intervals} intervals from the log's start on, results.json counts {expected.Count}");
        Assert.True(decoded.FirstStartSec >= 0, $"{name}: the first interval starts {decoded.FirstStartSec} s after the log's start time");
        Near(name, "max", expected.Max, new JavaHlogReader.RankSpan(decoded.Max, decoded.Max));
        Near(name, "p50", expected.P50, decoded.P50);
        Near(name, "p90", expected.P90, decoded.P90);
        Near(name, "p99", expected.P99, decoded.P99);
        Near(name, "p99.9", expected.P999, decoded.P999);
    }

    private static void Near(string name, string figure, double expectedMs, JavaHlogReader.RankSpan decodedMicros)
    {
        // HdrHistogram's precision (three significant digits: 0.1%), and results.json's rounding to the microsecond.
        var micros = expectedMs * 1000;
        Assert.True(micros >= (decodedMicros.Low * 0.999) - 1 && micros <= (decodedMicros.High * 1.001) + 1,
            $"{name}: {figure} is {expectedMs} ms in results.json, {decodedMicros.Low}..{decodedMicros.High} us in the log");
    }
}
