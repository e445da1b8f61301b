using ArchLab.Contracts.Ledger;

namespace ArchLab.Harness.Ledger;

/// <summary>
/// Every ledger of an arm read once into per-order tables: effects and failed attempts per step (saturating
/// counters), the first effect of the last step, and the last time anything happened to each order.
/// </summary>
internal sealed class LedgerScan
{
    private LedgerScan(ushort[] steps, int orders, bool trackProgress)
    {
        Steps = steps;
        Effects = steps.Select(_ => new byte[orders]).ToArray();
        Failures = steps.Select(_ => new byte[orders]).ToArray();
        FirstTerminal = new long[orders];
        LastProgress = trackProgress ? new long[orders] : null;
    }

    public ushort[] Steps { get; }

    /// <summary>Effects per step index and order.</summary>
    public byte[][] Effects { get; }

    /// <summary>Failed attempts per step index and order.</summary>
    public byte[][] Failures { get; }

    public long[] FirstTerminal { get; }

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
            var reader = new LedgerReader(input.Ledgers[steps[index]]);
            foreach (var record in reader.Read())
            {
                scan.Add(input, orders, index, record);
            }

            scan.Torn += reader.TornRecords;
        }

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

        if (!failed && Steps[index] == input.TerminalStep && (FirstTerminal[seq] == 0 || record.Timestamp < FirstTerminal[seq]))
        {
            FirstTerminal[seq] = record.Timestamp;
        }
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
