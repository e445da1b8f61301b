using System.Diagnostics;
using ArchLab.Harness.Agents;
using ArchLab.Hlog.Codec;
using ArchLab.Load;
using ArchLab.Load.Recording;
using ArchLab.Load.Targets;
using HdrHistogram;

namespace ArchLab.Unit.Tests.Agents;

/// <summary>
/// The agents' figures merged: the arm's histogram is the histogram of every agent's samples together, bucket for
/// bucket (not an average of the agents' percentiles), and the merged caller log holds each agent's requests under the
/// run's numbers, moved onto one clock.
/// </summary>
public sealed class AgentMergeTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("archlab-merge-").FullName;

    [Fact]
    public void The_merged_histogram_is_the_histogram_of_all_samples()
    {
        var random = new Random(11);
        // Three agents with different latencies: a fast one, a slow one, one with a long tail.
        long[][] samples =
        [
            [.. Enumerable.Range(0, 5000).Select(_ => (long)(200 + (random.NextDouble() * 300)))],
            [.. Enumerable.Range(0, 3000).Select(_ => (long)(2000 + (random.NextDouble() * 9000)))],
            [.. Enumerable.Range(0, 4000).Select(_ => (long)Math.Exp(5 + (3 * random.NextDouble())))],
        ];
        var all = Histograms.Create();
        foreach (var value in samples.SelectMany(s => s))
        {
            all.RecordValue(value);
        }

        var shares = samples.Select((s, i) => Share(i, samples.Length, s)).ToList();
        var report = AgentMerge.Merge(shares, _ => 0, 0, DateTimeOffset.UnixEpoch, new LoadOptions(), _folder, "arm");

        Assert.Equal(all.TotalCount, report.Latency.Accept.TotalCount);
        Assert.Equal(Buckets(all), Buckets(report.Latency.Accept));
        foreach (var percentile in new[] { 50.0, 90, 99, 99.9 })
        {
            Assert.Equal(all.GetValueAtPercentile(percentile), report.Latency.Accept.GetValueAtPercentile(percentile));
        }

        // An average of the agents' own p99s is another, wrong, figure.
        var averaged = shares.Average(s => CompressedHistogram.Decode(Convert.FromBase64String(s.Done!.Histograms[0])).GetValueAtPercentile(99));
        Assert.NotEqual(all.GetValueAtPercentile(99), (long)averaged);
    }

    [Fact]
    public void The_merged_caller_log_numbers_each_agents_requests_as_the_run_did_on_one_clock()
    {
        var frequency = Stopwatch.Frequency;
        var shares = new[] { Share(0, 2, [100, 200]), Share(1, 2, [300]) };
        // Agent 1's clock reads 5 s more than this machine's at the same instant.
        var ticksAt = (DateTimeOffset at) => (at - DateTimeOffset.UnixEpoch).Ticks * frequency / TimeSpan.TicksPerSecond;
        var moved = shares[1] with { Done = shares[1].Done! with { MeasureStartTicks = 5 * frequency } };

        var report = AgentMerge.Merge([shares[0], moved], ticksAt, 0, DateTimeOffset.UnixEpoch, new LoadOptions(), _folder, "arm");

        var calls = CallLog.Read(report.Files.CallLog!).OrderBy(c => c.Seq).ToList();
        Assert.Equal([0L, 1, 2], calls.Select(c => c.Seq));
        Assert.Equal([0L, 0, frequency], calls.Select(c => c.Intended)); // agent 1's first request, at its 5 s, is this machine's 0 s
        Assert.Equal(3, report.Counts.Accepted);
    }

    /// <summary>Agent <paramref name="index"/>: one accepted request per sample (its n-th intended at n seconds) and its histograms.</summary>
    private AgentShare Share(int index, int count, long[] microseconds)
    {
        var folder = Path.Combine(_folder, $"agent{index}");
        Directory.CreateDirectory(folder);
        var histogram = Histograms.Create();
        using (var log = CallLog.Create(Path.Combine(folder, "arm.calls.bin")))
        {
            for (var n = 0; n < microseconds.Length; n++)
            {
                histogram.RecordValue(microseconds[n]);
                var intended = (n * Stopwatch.Frequency) + (index == 1 ? 5 * Stopwatch.Frequency : 0);
                log.Append(new CallRecord(n, intended, intended, intended + (microseconds[n] * Stopwatch.Frequency / 1_000_000), OutcomeKind.Accepted, 202, false));
            }
        }

        var encoded = Convert.ToBase64String(CompressedHistogram.Encode(histogram));
        var empty = Convert.ToBase64String(CompressedHistogram.Encode(Histograms.Create()));
        var counts = new LoadCounts(microseconds.Length, microseconds.Length, microseconds.Length, 0, 0);
        var done = new AgentDone($"a{index}", null, counts, new LoadCounts(0, 0, 0, 0, 0), new Dictionary<string, long>(), [],
            [encoded, encoded, empty, empty, empty, empty], DateTimeOffset.UnixEpoch, 0, null, 0, "arm", ["arm.calls.bin"]);
        return new AgentShare(new AgentInfo($"a{index}", "host", 1, AgentProtocol.Version, false), index, count, done, folder, null);
    }

    private static List<(long Value, long Count)> Buckets(HistogramBase histogram) =>
        [.. histogram.RecordedValues().Select(v => (v.ValueIteratedTo, v.CountAtValueIteratedTo))];

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
