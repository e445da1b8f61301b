using System.Diagnostics;
using ArchLab.Hlog;
using ArchLab.Hlog.Codec;
using ArchLab.Load;
using ArchLab.Load.Engine;
using ArchLab.Load.Recording;
using ArchLab.Harness.Model.Semantics;
using HdrHistogram;

namespace ArchLab.Harness.Agents;

/// <summary>One agent's report and the folder its files were fetched to (null: it did not report).</summary>
public sealed record AgentShare(AgentInfo Agent, int Index, int Count, AgentDone? Done, string? Folder, string? Problem);

/// <summary>
/// Folds the agents' shares of an arm's load into one <see cref="LoadReport"/>, as one engine would have measured it:
/// counts and errors added up; every histogram merged exactly (HdrHistogram's <c>Add</c> of the agents' own
/// histograms, not an average of their percentiles); one caller log of every agent's requests, their numbers mapped
/// back to the run's (agent i of n sent i, i + n, ...) and their ticks moved to this machine's clock through the
/// wall-clock instant each agent reported; the interval logs merged interval by interval; the timeline's counts added
/// and each interval's p99 taken again from the merged requests.
/// </summary>
public static class AgentMerge
{
    /// <param name="ticksAt">This machine's monotonic ticks at a wall-clock instant.</param>
    /// <param name="measureStartTicks">The measured window's start on this machine's clock: the common start plus the warm-up.</param>
    public static LoadReport Merge(IReadOnlyList<AgentShare> shares, Func<DateTimeOffset, long> ticksAt, long measureStartTicks,
        DateTimeOffset measureStart, LoadOptions options, string directory, string prefix)
    {
        var reported = shares.Where(s => s.Done is { Problem: null }).ToList();
        var done = reported.Select(s => s.Done!).ToList();
        var latency = Histograms3(done, 0);
        var warmup = Histograms3(done, 3);
        Directory.CreateDirectory(directory);
        var callLog = Path.Combine(directory, prefix + ".calls.bin");
        var intervalTicks = (long)Math.Round(options.Interval.TotalSeconds * Stopwatch.Frequency);
        var p99s = MergeCallLogs(reported, ticksAt, callLog, measureStartTicks, intervalTicks);
        var logs = new[] { "accept", "acceptUncorrected", "sendDelay" }
            .Select(kind => MergeIntervalLogs(reported, kind, Path.Combine(directory, $"{prefix}.{kind}.hlog"), measureStart))
            .ToList();
        var timeline = done.SelectMany(d => d.Timeline).GroupBy(t => t.Index).OrderBy(g => g.Key)
            .Select(g => new TimelineInterval(g.Key, g.Sum(t => t.Offered), g.Sum(t => t.Sent), g.Sum(t => t.Accepted), g.Sum(t => t.Errors),
                g.Sum(t => t.Dropped), g.Sum(t => t.InFlight), p99s.TryGetValue(g.Key, out var h) ? Latency.P99Ms(h) : null))
            .ToList();
        return new LoadReport(
            Sum(done.Select(d => d.Counts)),
            done.SelectMany(d => d.ErrorsByKind).GroupBy(e => e.Key).ToDictionary(g => g.Key, g => g.Sum(e => e.Value)),
            latency,
            timeline,
            measureStartTicks,
            options.Duration,
            new LoadFiles(callLog, logs[0], logs[1], logs[2]),
            Sum(done.Select(d => d.WarmupCounts)),
            warmup,
            options.Interval)
        {
            IntendedOffered = done.All(d => d.IntendedOffered is not null) && done.Count > 0 ? done.Sum(d => d.IntendedOffered!.Value) : null,
            Behind = done.Sum(d => d.Behind),
        };
    }

    /// <summary>The run's number of an agent's request: agent <paramref name="index"/> of <paramref name="count"/> sends index, index + count...</summary>
    public static long GlobalSeq(long local, int index, int count) => (local * count) + index;

    /// <summary>Three histograms (accept, uncorrected, send delay) from each agent's encodings at <paramref name="at"/>, added.</summary>
    private static LatencyHistograms Histograms3(IReadOnlyList<AgentDone> done, int at)
    {
        HistogramBase Add(int k) => Histograms.Merge(done.Select(d => CompressedHistogram.Decode(Convert.FromBase64String(d.Histograms[at + k]))));
        return new LatencyHistograms(Add(0), Add(1), Add(2));
    }

    /// <summary>Writes the merged caller log; returns, by interval, the accept latencies answered in it (for the timeline's p99).</summary>
    private static Dictionary<int, HistogramBase> MergeCallLogs(IReadOnlyList<AgentShare> shares, Func<DateTimeOffset, long> ticksAt, string path,
        long measureStart, long intervalTicks)
    {
        var records = new List<CallRecord>();
        foreach (var share in shares)
        {
            var file = Path.Combine(share.Folder!, share.Done!.FilePrefix + ".calls.bin");
            var shift = ticksAt(share.Done.MeasureStart) - share.Done.MeasureStartTicks;
            records.AddRange(CallLog.Read(file).Select(r => r with
            {
                Seq = GlobalSeq(r.Seq, share.Index, share.Count),
                Intended = r.Intended + shift,
                Sent = r.Sent == 0 ? 0 : r.Sent + shift,
                Done = r.Done + shift,
            }));
        }

        var byInterval = new Dictionary<int, HistogramBase>();
        using var log = CallLog.Create(path);
        foreach (var record in records.OrderBy(r => r.Done))
        {
            log.Append(record);
            if (record.Kind == ArchLab.Load.Targets.OutcomeKind.Accepted && !record.Warmup && record.Done >= measureStart)
            {
                var index = (int)((record.Done - measureStart) / intervalTicks);
                if (!byInterval.TryGetValue(index, out var histogram))
                {
                    byInterval[index] = histogram = Histograms.Create();
                }

                histogram.RecordValue(Histograms.Clamp(Histograms.TicksToMicroseconds(record.Done - record.Intended)));
            }
        }

        return byInterval;
    }

    /// <summary>One interval log whose n-th interval is every agent's n-th added; null when no agent wrote this log.</summary>
    private static string? MergeIntervalLogs(IReadOnlyList<AgentShare> shares, string kind, string path, DateTimeOffset start)
    {
        var logs = shares.Select(s => Path.Combine(s.Folder!, $"{s.Done!.FilePrefix}.{kind}.hlog")).Where(File.Exists)
            .Select(p => IntervalLogReader.Read(p).Intervals).ToList();
        if (logs.Count == 0)
        {
            return null;
        }

        using var writer = new IntervalLogWriter(path, start);
        for (var i = 0; i < logs.Max(l => l.Count); i++)
        {
            var parts = logs.Where(l => i < l.Count).Select(l => l[i]).ToList();
            var merged = Histograms.Merge(parts);
            // The agents' clocks agree to a few milliseconds at best: the interval spans them all, and never starts before the log.
            merged.StartTimeStamp = Math.Max(writer.StartUnixMs, parts.Min(p => p.StartTimeStamp));
            merged.EndTimeStamp = Math.Max(merged.StartTimeStamp, parts.Max(p => p.EndTimeStamp));
            writer.Append(merged);
        }

        return path;
    }

    private static LoadCounts Sum(IEnumerable<LoadCounts> counts) => counts.Aggregate(new LoadCounts(0, 0, 0, 0, 0),
        (a, b) => new LoadCounts(a.Offered + b.Offered, a.Sent + b.Sent, a.Accepted + b.Accepted, a.Errors + b.Errors, a.DroppedByGenerator + b.DroppedByGenerator));
}
