namespace ArchLab.Services.Core.Steps;

/// <summary>How one execution of a step ended.</summary>
public enum StepStatus
{
    /// <summary>The effect is written.</summary>
    Done,

    /// <summary>The attempt failed (an injected error, a poison order); a failed-attempt record is written, no effect.</summary>
    Failed,

    /// <summary>The inbox says this role did the order already: nothing ran, nothing was written.</summary>
    AlreadyDone,

    /// <summary>The inbox says another delivery of the order is running right now: nothing ran, nothing was written.</summary>
    InFlight,

    /// <summary>The caller went away while the execution waited for a worker: it never started, nothing was written.</summary>
    Abandoned,
}

/// <param name="Status">How it ended.</param>
/// <param name="Timestamp">When the effect or the failed attempt was written (<c>Stopwatch.GetTimestamp()</c>); 0 otherwise.</param>
/// <param name="Failure">Why it failed, for <see cref="StepStatus.Failed"/>.</param>
public readonly record struct StepOutcome(StepStatus Status, long Timestamp = 0, string? Failure = null)
{
    /// <summary>The order's effect is in this role's ledger, now or from before.</summary>
    public bool Succeeded => Status is StepStatus.Done or StepStatus.AlreadyDone;
}
