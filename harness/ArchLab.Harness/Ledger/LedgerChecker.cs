using System.Diagnostics;
using ArchLab.Contracts.Ledger;
using ArchLab.Contracts.Messages;
using ArchLab.Harness.Model.Semantics;

namespace ArchLab.Harness.Ledger;

/// <summary>
/// Reads every ledger after a run and turns each order into its facts (what the caller saw, the effects and failed
/// attempts per step, when it completed, what the broker says of it), which <see cref="DeliveryBooks"/> classes and
/// counts exactly as it does the simulator's orders. Effects for ids never sent are unexpected, which only a ledger
/// can show.
/// </summary>
public static class LedgerChecker
{
    /// <summary>Largest completion latency recorded, in microseconds (one hour); longer values are clamped.</summary>
    public const long MaxMicros = Latency.HighestMicros;

    public static CheckResult Check(CheckInput input, IEnumerable<CallerRecord> callers)
    {
        ArgumentNullException.ThrowIfNull(input);
        var orders = OrderTable.Load(callers);
        var scan = LedgerScan.Read(input, orders);
        var start = input.MeasureStartTimestamp;
        var scope = new BooksScope(input.Grid, input.DeadLettered is not null,
            input.MaxAge is { Ticks: > 0 } maxAge ? maxAge.TotalSeconds : null, Seconds(start, input.EndTimestamp));
        var books = new DeliveryBooks(scope);
        var stepIndexes = Enumerable.Range(0, scan.Steps.Length).Where(i => scan.Steps[i] != StepCodes.Edge).ToArray();
        Span<byte> effects = stackalloc byte[stepIndexes.Length];
        Span<byte> failures = stackalloc byte[stepIndexes.Length];
        for (var seq = 0; seq < orders.Count; seq++)
        {
            for (var i = 0; i < stepIndexes.Length; i++)
            {
                effects[i] = scan.Effects[stepIndexes[i]][seq];
                failures[i] = scan.Failures[stepIndexes[i]][seq];
            }

            var done = scan.FirstTerminal[seq];
            var progress = scan.LastProgress?[seq] ?? 0;
            books.Add(new OrderFacts
            {
                Measured = !orders.Warmup[seq],
                Caller = orders.Outcome[seq],
                IntendedSec = Seconds(start, orders.Intended[seq]),
                AnsweredSec = orders.Answered[seq] == 0 ? null : Seconds(start, orders.Answered[seq]),
                CompletedSec = done == 0 ? null : Seconds(start, done),
                Effects = effects,
                FailedAttempts = failures,
                DeadLettered = input.DeadLettered?.Contains(new OrderId(input.Nonce, seq)) == true,
                // Which orders the broker held when the drain ended, where the stream was read; else only that it held something.
                HeldByBroker = input.BrokerStillHolds && (input.Held?.Contains(new OrderId(input.Nonce, seq)) ?? true),
                LastProgressSec = progress == 0 ? null : Seconds(start, progress),
            });
        }

        using var hlog = new CompletionTimeline(start, input.CompletionHlogPath, input.Grid);
        return new CheckResult(books.Close(scan.Unexpected.Count, hlog.Append), scan.DistinctByStep(), scan.Torn);
    }

    private static double Seconds(long start, long timestamp) => (timestamp - start) / (double)Stopwatch.Frequency;
}
