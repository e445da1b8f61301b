using ArchLab.Contracts.Ledger;
using ArchLab.Harness.Model.Semantics;

namespace ArchLab.Harness.Ledger;

/// <summary>
/// Every ledger of an arm read once into per-order tables: effects and failed attempts per step (saturating
/// counters), when the last step was done, and the last time anything happened to each order. With a fan-out
/// the last step is every receiver's: an order is done when the last of them has its first effect.
/// </summary>
internal sealed class LedgerScan
{
    private LedgerScan(ushort[] steps, int orders, bool trackProgress)
    {
        Steps = steps;
        Effects = steps.Select(_ => new byte[orders]).ToArray();
        Failures = steps.Select(_ => new byte[orders]).ToArray();
        FirstTerminal = new long[orders];
        FirstByStep = steps.Select(_ => (long[]?)null).ToArray();
        LastProgress = trackProgress ? new long[orders] : null;
    }

    public ushort[] Steps { get; }

    /// <summary>Effects per step index and order.</summary>
    public byte[][] Effects { get; }

    /// <summary>Failed attempts per step index and order.</summary>
    public byte[][] Failures { get; }

    /// <summary>When the order was done: the latest of the terminal steps' first effects; 0 while one of them has none.</summary>
    public long[] FirstTerminal { get; }

    /// <summary>First effect per terminal step index and order, while reading.</summary>
    private long[]?[] FirstByStep { get; }

    public long[]? LastProgress { get; }

    public HashSet<(uint Nonce, long Seq)> Unexpected { get; } = [];

    /// <summary>Priming orders with an effect, per step code.</summary>
    public Dictionary<ushort, HashSet<long>> Primed { get; } = [];

    public long Torn { get; private set; }

    public static LedgerScan Read(CheckInput input, OrderTable orders)
    {
        var steps = input.Ledgers.Keys.Order().ToArray();
        var scan = new LedgerScan(steps, orders.Count, input.MaxAge is { Ticks: > 0 });
        for (var index = 0; index < steps.Length; index++)
        {
            scan.FirstByStep[index] = input.TerminalSteps.Contains(steps[index]) ? new long[orders.Count] : null;
            var reader = new LedgerReader(input.Ledgers[steps[index]]);
            foreach (var record in reader.Read())
            {
                scan.Add(input, orders, index, record);
            }

            scan.Torn += reader.TornRecords;
        }

        scan.CombineTerminals();
        return scan;
    }

    private void Add(CheckInput input, OrderTable orders, int index, in LedgerRecord record)
    {
        var failed = StepCodes.IsFailedAttempt(record.Step);
        var seq = record.Id.Seq;
        if (record.Id.Nonce == input.PrimeNonce)
        {
            if (!failed)
            {
                (Primed.TryGetValue(Steps[index], out var set) ? set : Primed[Steps[index]] = []).Add(seq);
            }

            return;
        }

        if (record.Id.Nonce != input.Nonce || seq < 0 || seq >= orders.Count || orders.Outcome[seq] == CallerOutcome.NotSent)
        {
            Unexpected.Add((record.Id.Nonce, seq));
            return;
        }

        var counters = failed ? Failures[index] : Effects[index];
        if (counters[seq] < byte.MaxValue)
        {
            counters[seq]++;
        }

        if (LastProgress is not null && record.Timestamp > LastProgress[seq])
        {
            LastProgress[seq] = record.Timestamp;
        }

        if (!failed && FirstByStep[index] is { } first && (first[seq] == 0 || record.Timestamp < first[seq]))
        {
            first[seq] = record.Timestamp;
        }
    }

    private void CombineTerminals()
    {
        var terminals = FirstByStep.OfType<long[]>().ToArray();
        for (var seq = 0; seq < FirstTerminal.Length; seq++)
        {
            long latest = 0;
            foreach (var first in terminals)
            {
                if (first[seq] == 0)
                {
                    latest = 0;
                    break;
                }

                latest = Math.Max(latest, first[seq]);
            }

            FirstTerminal[seq] = latest;
        }

        Array.Clear(FirstByStep);
    }

    public bool Duplicated(int seq) => Effects.Any(e => e[seq] > 1);

    public bool Touched(int seq) => Effects.Any(e => e[seq] > 0);

    /// <summary>Orders of the run with an effect at a step, priming included.</summary>
    public Dictionary<ushort, long> DistinctByStep()
    {
        var result = new Dictionary<ushort, long>();
        for (var index = 0; index < Steps.Length; index++)
        {
            var effects = Effects[index];
            long count = 0;
            foreach (var value in effects)
            {
                count += value > 0 ? 1 : 0;
            }

            result[Steps[index]] = count + (Primed.TryGetValue(Steps[index], out var primed) ? primed.Count : 0);
        }

        return result;
    }
}
