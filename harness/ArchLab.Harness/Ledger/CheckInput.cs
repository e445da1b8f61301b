namespace ArchLab.Harness.Ledger;

/// <summary>What the checker needs besides the caller's records.</summary>
/// <param name="Nonce">The run's nonce: effects carrying another are unexpected.</param>
/// <param name="Ledgers">Ledger file of each step code.</param>
/// <param name="TerminalStep">The step whose first effect completes an order.</param>
/// <param name="MeasureStartTimestamp"><c>Stopwatch</c> ticks of the intended start of the measured window.</param>
/// <param name="BrokerStillHolds">True when the broker still held unacknowledged messages at the end of the drain: an incomplete order is then pending rather than lost.</param>
/// <param name="CompletionHlogPath">Where to write completion latency intervals (one per second), or null.</param>
/// <param name="PrimeNonce">Nonce of the priming orders sent before the load: their effects are expected and not counted.</param>
public sealed record CheckInput(
    uint Nonce,
    IReadOnlyDictionary<ushort, string> Ledgers,
    ushort TerminalStep,
    long MeasureStartTimestamp,
    bool BrokerStillHolds,
    string? CompletionHlogPath = null,
    uint? PrimeNonce = null);
