using ArchLab.Contracts.Ledger;

namespace ArchLab.Harness.Ledger;

/// <summary>
/// Follows the last step's ledgers as they grow: with a fan-out, every receiver's. An order is done when the
/// slowest receiver has it, so progress is the smallest of their counts (a cheap probe for live views and the
/// drain; the checker decides per order afterwards).
/// </summary>
public sealed class CompletionTail(IReadOnlyList<Func<long>> receiverEffects)
{
    /// <summary>Follows the receivers' ledger files on this machine.</summary>
    public CompletionTail(IReadOnlyList<string> receiverLedgers)
        : this([.. receiverLedgers.Select(path => (Func<long>)new LedgerTail(path).Poll)])
    {
    }

    /// <summary>Reads what was appended and returns the effects of the receiver that has the fewest.</summary>
    public long Poll()
    {
        var least = long.MaxValue;
        foreach (var effects in receiverEffects)
        {
            least = Math.Min(least, effects());
        }

        return receiverEffects.Count == 0 ? 0 : least;
    }
}
