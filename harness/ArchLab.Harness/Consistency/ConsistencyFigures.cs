using System.Diagnostics;
using ArchLab.Contracts.Ledger;
using ArchLab.Harness.Model.Results;
using ArchLab.Harness.Model.Semantics;
using ArchLab.Load.Recording;
using ArchLab.Load.Targets;

namespace ArchLab.Harness.Consistency;

/// <summary>The consistency figures of an arm: its read-backs against the caller's log and the read model's ledger.</summary>
public static class ConsistencyFigures
{
    /// <param name="after">The configured read delay.</param>
    /// <param name="reads">Every read-back of the arm, warm-up included.</param>
    /// <param name="calls">The caller's log: which orders were accepted in the measured window, and when answered.</param>
    /// <param name="shown">When the read model first showed each order completed (its ledger), by order sequence number.</param>
    public static ArmConsistency Of(TimeSpan after, IReadOnlyList<ReadBack> reads, IEnumerable<CallRecord> calls, IReadOnlyDictionary<long, long> shown)
    {
        var measured = calls.Where(c => !c.Warmup && c.Kind == OutcomeKind.Accepted).ToDictionary(c => c.Seq, c => c.Done);
        var judged = reads.Where(r => measured.ContainsKey(r.Seq)).ToList();
        var failed = judged.LongCount(r => r.State == ReadState.Failed);
        var answered = judged.Count - failed;
        var stale = judged.LongCount(r => r.State is ReadState.Accepted or ReadState.Unknown);
        var window = Latency.NewHistogram();
        long never = 0;
        foreach (var (seq, done) in measured)
        {
            if (shown.TryGetValue(seq, out var at))
            {
                window.RecordValue(Latency.Micros(Math.Max(0, at - done) / (double)Stopwatch.Frequency));
            }
            else
            {
                never++;
            }
        }

        return new ArmConsistency(
            after.TotalMilliseconds, answered, stale, failed, answered == 0 ? null : Math.Round((double)stale / answered, 4), Latency.Summarise(window), never);
    }

    /// <summary>When the read model first showed each order of this run completed: its ledger, by sequence number.</summary>
    public static IReadOnlyDictionary<long, long> Shown(string path, uint nonce)
    {
        var shown = new Dictionary<long, long>();
        if (!File.Exists(path))
        {
            return shown;
        }

        foreach (var record in new LedgerReader(path).Read().Where(r => r.Id.Nonce == nonce && r.Step == StepCodes.ReadModel))
        {
            shown.TryAdd(record.Id.Seq, record.Timestamp);
        }

        return shown;
    }
}
