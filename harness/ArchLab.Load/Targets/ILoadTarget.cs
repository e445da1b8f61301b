namespace ArchLab.Load.Targets;

/// <summary>What the engine drives: one call per request. The engine knows nothing else of the system under test.</summary>
public interface ILoadTarget
{
    /// <summary>
    /// Sends request <paramref name="seq"/> (0, 1, 2... in offer order, warm-up included) and returns when the caller
    /// is unblocked. The engine cancels <paramref name="cancellationToken"/> at its timeout; return
    /// <see cref="CallOutcome.Timeout"/> or throw <see cref="OperationCanceledException"/> then. Other exceptions count
    /// as <see cref="OutcomeKind.Failed"/>. Called concurrently, up to the engine's in-flight bound.
    /// </summary>
    ValueTask<CallOutcome> SendAsync(long seq, CancellationToken cancellationToken);
}
