namespace ArchLab.Harness.Model.Semantics;

/// <summary>
/// Everything the run's figures need to know of one order, whoever observed it: the ledger checker reads it from the
/// caller log and the ledgers, the simulator from its books. Times are seconds since the intended start of the
/// measured window. A ref struct, so the per-step spans can point into the observer's own tables: nothing is copied
/// or kept per order.
/// </summary>
public readonly ref struct OrderFacts
{
    /// <summary>Intended in the measured window (not warm-up, not priming): only these are counted.</summary>
    public required bool Measured { get; init; }

    public required CallerOutcome Caller { get; init; }

    public required double IntendedSec { get; init; }

    /// <summary>When the caller had its answer (an accepted order's acknowledgement); null where not known.</summary>
    public double? AnsweredSec { get; init; }

    /// <summary>When the last step (every fan-out receiver) had its first effect; null while it has not.</summary>
    public double? CompletedSec { get; init; }

    /// <summary>Effects per step, the edge left out (saturating at 255).</summary>
    public ReadOnlySpan<byte> Effects { get; init; }

    /// <summary>Attempts per step that ran and failed (no effect), same order as <see cref="Effects"/>.</summary>
    public ReadOnlySpan<byte> FailedAttempts { get; init; }

    /// <summary>The stream said it removed the order's message for its age. The checker cannot know it and infers it from <see cref="LastProgressSec"/>.</summary>
    public bool Expired { get; init; }

    /// <summary>The order's message is on the dead-letter subject: the broker gave up on it after its last delivery.</summary>
    public bool DeadLettered { get; init; }

    /// <summary>The broker still held work for the order when the books closed (the checker knows it only for the arm as a whole).</summary>
    public bool HeldByBroker { get; init; }

    /// <summary>The last time anything happened to the order (any step's effect or failed attempt, the edge's included); null when nothing did (the age then counts from the intended time).</summary>
    public double? LastProgressSec { get; init; }
}
