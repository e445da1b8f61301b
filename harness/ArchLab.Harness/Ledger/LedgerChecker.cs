using System.Diagnostics;
using ArchLab.Contracts.Ledger;
using ArchLab.Contracts.Messages;
using ArchLab.Harness.Model.Results;
using HdrHistogram;

namespace ArchLab.Harness.Ledger;

/// <summary>
/// Reads every ledger after a run and puts each order of the measured window in exactly one class, with
/// the semantics of a total-queue check: accepted orders are ok, duplicated, lost, pending, expired or
/// dead-lettered; orders the caller did not see accepted are recovered when they completed anyway; effects
/// for ids never sent are unexpected. Then it checks that the accepted classes add up to what was accepted.
/// </summary>
public static class LedgerChecker
{
    /// <summary>Largest completion latency recorded, in microseconds (one hour); longer values are clamped.</summary>
    public const long MaxMicros = 3_600_000_000;

    public static CheckResult Check(CheckInput input, IEnumerable<CallerRecord> callers)
    {
        var orders = OrderTable.Load(callers);
        var scan = LedgerScan.Read(input, orders);
        var classes = new ClassCounts();
        var completion = new LongHistogram(MaxMicros, 3);
        var timeline = new CompletionTimeline(input.MeasureStartTimestamp, input.CompletionHlogPath, orders.Count);
        var stepIndexes = Enumerable.Range(0, scan.Steps.Length).Where(i => scan.Steps[i] != StepCodes.Edge).ToArray();
        long attempts = 0, attempted = 0;
        for (var seq = 0; seq < orders.Count; seq++)
        {
            if (orders.Warmup[seq] || orders.Outcome[seq] == CallerOutcome.NotSent)
            {
                continue;
            }

            foreach (var i in stepIndexes)
            {
                var tries = scan.Effects[i][seq] + scan.Failures[i][seq];
                attempts += tries;
                attempted += tries > 0 ? 1 : 0;
            }

            var completed = scan.FirstTerminal[seq] != 0;
            if (orders.Outcome[seq] == CallerOutcome.NotAccepted)
            {
                _ = completed ? classes.Recovered++ : scan.Touched(seq) ? classes.PartialEffects++ : 0;
                continue;
            }

            classes.Accepted++;
            if (!completed)
            {
                classes.Count(Incomplete(input, scan, orders, seq));
                continue;
            }

            _ = scan.Duplicated(seq) ? classes.Duplicated++ : classes.Ok++;
            var micros = Math.Clamp(Stopwatch.GetElapsedTime(orders.Intended[seq], scan.FirstTerminal[seq]).Ticks / 10, 0, MaxMicros);
            completion.RecordValue(micros);
            timeline.Add(scan.FirstTerminal[seq], micros);
        }

        timeline.Finish();
        var delivery = new DeliveryCounts(classes.Ok, classes.Lost, classes.Duplicated, scan.Unexpected.Count, classes.Recovered,
            input.MaxAge is { Ticks: > 0 } ? classes.Expired : null, input.DeadLettered is null ? null : classes.DeadLettered, classes.Pending)
        {
            PartialEffects = classes.PartialEffects,
        };
        return new CheckResult(delivery, classes.Account(), classes.Ok + classes.Duplicated, completion, timeline.PerSecond, timeline.LastSec,
            attempted == 0 ? null : Math.Round((double)attempts / attempted, 4), scan.DistinctByStep(), scan.Torn);
    }

    /// <summary>Where an accepted order that never completed went.</summary>
    private static Incompletion Incomplete(CheckInput input, LedgerScan scan, OrderTable orders, int seq)
    {
        if (input.DeadLettered?.Contains(new OrderId(input.Nonce, seq)) == true)
        {
            return Incompletion.DeadLettered;
        }

        if (input.BrokerStillHolds)
        {
            return Incompletion.Pending;
        }

        // With a TTL, an order whose last step (or acceptance) is older than the TTL when the books close
        // was dropped by the stream, not lost by it.
        if (input.MaxAge is { Ticks: > 0 } maxAge)
        {
            var last = Math.Max(scan.LastProgress![seq], orders.Intended[seq]);
            if (Stopwatch.GetElapsedTime(last, input.EndTimestamp) >= maxAge)
            {
                return Incompletion.Expired;
            }
        }

        return Incompletion.Lost;
    }

    private enum Incompletion
    {
        Lost,
        Pending,
        Expired,
        DeadLettered,
    }

    private sealed class ClassCounts
    {
        public long Accepted;
        public long Ok;
        public long Lost;
        public long Duplicated;
        public long Pending;
        public long Expired;
        public long DeadLettered;
        public long Recovered;
        public long PartialEffects;

        public void Count(Incompletion where)
        {
            _ = where switch
            {
                Incompletion.Pending => Pending++,
                Incompletion.Expired => Expired++,
                Incompletion.DeadLettered => DeadLettered++,
                _ => Lost++,
            };
        }

        public AccountingCheck Account()
        {
            var sum = Ok + Duplicated + Lost + Pending + Expired + DeadLettered;
            var text = $"ok {Ok} + duplicated {Duplicated} + lost {Lost} + pending {Pending} + expired {Expired} + dead-lettered {DeadLettered} = {sum}";
            return sum == Accepted
                ? new AccountingCheck(true, $"{text} = accepted {Accepted}")
                : new AccountingCheck(false, $"{text}, but accepted is {Accepted}");
        }
    }
}
