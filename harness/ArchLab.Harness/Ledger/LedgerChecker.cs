using System.Diagnostics;
using ArchLab.Contracts.Ledger;
using ArchLab.Harness.Model.Results;
using HdrHistogram;

namespace ArchLab.Harness.Ledger;

/// <summary>
/// Reads every ledger after a run and puts each order of the measured window in exactly one class, with
/// the semantics of a total-queue check: accepted orders are ok, duplicated, lost or pending; orders the
/// caller did not see accepted are recovered when they completed anyway; effects for ids never sent are
/// unexpected. Then it checks that the accepted classes add up to what was accepted.
/// </summary>
public static class LedgerChecker
{
    /// <summary>Largest completion latency recorded, in microseconds (one hour); longer values are clamped.</summary>
    public const long MaxMicros = 3_600_000_000;

    public static CheckResult Check(CheckInput input, IEnumerable<CallerRecord> callers)
    {
        var orders = OrderTable.Load(callers);
        var steps = input.Ledgers.Keys.Order().ToArray();
        var counts = steps.ToDictionary(s => s, _ => new byte[orders.Count]);
        var firstTerminal = new long[orders.Count];
        var unexpected = new HashSet<(uint, long)>();
        var effects = new Dictionary<ushort, long>();
        long torn = 0;

        foreach (var step in steps)
        {
            var reader = new LedgerReader(input.Ledgers[step]);
            var perOrder = counts[step];
            foreach (var record in reader.Read())
            {
                if (record.Id.Nonce == input.PrimeNonce)
                {
                    continue;
                }

                effects[step] = effects.GetValueOrDefault(step) + 1;
                var seq = record.Id.Seq;
                if (record.Id.Nonce != input.Nonce || seq < 0 || seq >= orders.Count || orders.Outcome[seq] == CallerOutcome.NotSent)
                {
                    unexpected.Add((record.Id.Nonce, seq));
                    continue;
                }

                if (perOrder[seq] < byte.MaxValue)
                {
                    perOrder[seq]++;
                }

                if (step == input.TerminalStep && (firstTerminal[seq] == 0 || record.Timestamp < firstTerminal[seq]))
                {
                    firstTerminal[seq] = record.Timestamp;
                }
            }

            torn += reader.TornRecords;
        }

        var classes = new ClassCounts();
        var completion = new LongHistogram(MaxMicros, 3);
        var timeline = new CompletionTimeline(input.MeasureStartTimestamp, input.CompletionHlogPath, orders.Count);
        for (var seq = 0; seq < orders.Count; seq++)
        {
            if (orders.Warmup[seq] || orders.Outcome[seq] == CallerOutcome.NotSent)
            {
                continue;
            }

            var completed = firstTerminal[seq] != 0;
            var duplicated = false;
            var touched = false;
            foreach (var perOrder in counts.Values)
            {
                duplicated |= perOrder[seq] > 1;
                touched |= perOrder[seq] > 0;
            }

            if (orders.Outcome[seq] == CallerOutcome.NotAccepted)
            {
                if (completed)
                {
                    classes.Recovered++;
                }
                else if (touched)
                {
                    classes.PartialEffects++;
                }

                continue;
            }

            classes.Accepted++;
            if (!completed)
            {
                _ = input.BrokerStillHolds ? classes.Pending++ : classes.Lost++;
                continue;
            }

            _ = duplicated ? classes.Duplicated++ : classes.Ok++;
            var micros = Math.Clamp(Stopwatch.GetElapsedTime(orders.Intended[seq], firstTerminal[seq]).Ticks / 10, 0, MaxMicros);
            completion.RecordValue(micros);
            timeline.Add(firstTerminal[seq], micros);
        }

        timeline.Finish();
        var delivery = new DeliveryCounts(classes.Ok, classes.Lost, classes.Duplicated, unexpected.Count, classes.Recovered,
            Expired: null, DeadLettered: null, classes.Pending) { PartialEffects = classes.PartialEffects };
        return new CheckResult(delivery, Account(classes), classes.Ok + classes.Duplicated, completion,
            timeline.PerSecond, timeline.LastSec, effects, torn);
    }

    private static AccountingCheck Account(ClassCounts c)
    {
        var sum = c.Ok + c.Duplicated + c.Lost + c.Pending;
        var text = $"ok {c.Ok} + duplicated {c.Duplicated} + lost {c.Lost} + pending {c.Pending} = {sum}";
        return sum == c.Accepted
            ? new AccountingCheck(true, $"{text} = accepted {c.Accepted}")
            : new AccountingCheck(false, $"{text}, but accepted is {c.Accepted}");
    }

    private sealed class ClassCounts
    {
        public long Accepted;
        public long Ok;
        public long Lost;
        public long Duplicated;
        public long Pending;
        public long Recovered;
        public long PartialEffects;
    }
}
