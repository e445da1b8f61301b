using System.Diagnostics;
using ArchLab.Contracts.Ledger;
using ArchLab.Contracts.Workflow;

namespace ArchLab.Simulation.Calibration;

/// <summary>A step's executions in time, from its ledger: when each began, and whether one was under way at a moment.</summary>
internal static class Executions
{
    /// <summary>When an execution began: its effect less its service time, or the effect itself where the record has no service time.</summary>
    public static long Began(LedgerRecord record) =>
        record.Timestamp - (record.ServiceMicros == LedgerRecord.None ? 0 : (long)(record.ServiceMicros / 1e6 * Stopwatch.Frequency));

    /// <summary>When a step's executions were under way: each from its effect back by its service time.</summary>
    internal sealed class Busy(long[] starts, long[] ends)
    {
        public static Busy Of(List<LedgerRecord> executions)
        {
            var timed = executions.Where(r => r.ServiceMicros != LedgerRecord.None && !StepCodes.IsFailedAttempt(r.Step)).ToList();
            var starts = timed.Select(Began).Order().ToArray();
            var ends = timed.Select(r => r.Timestamp).Order().ToArray();
            return new Busy(starts, ends);
        }

        /// <summary>Whether an execution was under way at <paramref name="t"/>: begun at or before it, not ended by it.</summary>
        public bool At(long t) => UpTo(starts, t) - UpTo(ends, t) > 0;

        /// <summary>How many of <paramref name="sorted"/> are at or before <paramref name="t"/>.</summary>
        private static int UpTo(long[] sorted, long t)
        {
            int low = 0, high = sorted.Length;
            while (low < high)
            {
                var mid = (low + high) >>> 1;
                (low, high) = sorted[mid] <= t ? (mid + 1, high) : (low, mid);
            }

            return low;
        }
    }
}
