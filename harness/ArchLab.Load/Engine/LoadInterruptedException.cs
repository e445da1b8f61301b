namespace ArchLab.Load.Engine;

/// <summary>
/// The load was stopped before its end (Ctrl-C). It carries what was measured until then, so that an interrupted run
/// keeps the figures of the arm it was in: requests still out were given their timeout, the files are closed.
/// </summary>
public sealed class LoadInterruptedException(LoadReport partial, CancellationToken cancellationToken)
    : OperationCanceledException("the load was interrupted", cancellationToken)
{
    /// <summary>The figures until the interruption.</summary>
    public LoadReport Partial { get; } = partial;
}
