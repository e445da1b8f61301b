using ArchLab.Contracts.Messages;
using ArchLab.Harness.Model.Semantics;

namespace ArchLab.Harness.Ledger;

/// <summary>What the checker needs besides the caller's records.</summary>
/// <param name="Nonce">The run's nonce: effects carrying another are unexpected.</param>
/// <param name="Ledgers">Ledger file of each step code.</param>
/// <param name="TerminalSteps">The last step's codes (every fan-out receiver): an order is complete when each has its first effect.</param>
/// <param name="MeasureStartTimestamp"><c>Stopwatch</c> ticks of the intended start of the measured window.</param>
/// <param name="BrokerStillHolds">True when the broker still held unacknowledged messages at the end of the drain: an incomplete order is then pending rather than lost.</param>
/// <param name="CompletionHlogPath">Where to write completion latency intervals (one per timeline interval), or null.</param>
/// <param name="PrimeNonce">Nonce of the priming orders sent before the load: their effects are expected and not counted.</param>
public sealed record CheckInput(
    uint Nonce,
    IReadOnlyDictionary<ushort, string> Ledgers,
    IReadOnlySet<ushort> TerminalSteps,
    long MeasureStartTimestamp,
    bool BrokerStillHolds,
    string? CompletionHlogPath = null,
    uint? PrimeNonce = null)
{
    /// <summary>Orders found in the dead-letter stream: accounted for, not lost. Null when the arm has none.</summary>
    public IReadOnlySet<OrderId>? DeadLettered { get; init; }

    /// <summary>
    /// Where the broker still held messages when the drain ended: the orders they were of, read from the stream; an
    /// incomplete order among them is pending, any other lost. Null: not read (every incomplete order counts as held
    /// when <see cref="BrokerStillHolds"/>).
    /// </summary>
    public IReadOnlySet<OrderId>? Held { get; init; }

    /// <summary>The stream's TTL: an order left behind longer than this when the run ended expired. Null or zero: no TTL.</summary>
    public TimeSpan? MaxAge { get; init; }

    /// <summary><c>Stopwatch</c> ticks of the end of the drain, the moment the books are closed.</summary>
    public long EndTimestamp { get; init; }

    /// <summary>The timeline's intervals, for completions per interval.</summary>
    public TimelineGrid Grid { get; init; } = TimelineGrid.Seconds;
}
