namespace ArchLab.Harness.Faults;

/// <summary>What a fault does when its window opens and when it closes.</summary>
public interface IFaultAction
{
    Task StartAsync(CancellationToken cancellationToken);

    /// <summary>Closes the window (restart, resume, clear). Not called for a window that never ends.</summary>
    Task EndAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Reads what the window's end left behind, once the target is back (a broker's own count of its stream after a power
    /// loss); its time is not part of the restart.
    /// </summary>
    Task SettleAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>What the target turned out to be when the window opened, where the scenario names it by its role (<c>broker.leader</c>); null otherwise.</summary>
    string? Resolved => null;

    /// <summary>What a power loss dropped, once its window opened; null for every other fault.</summary>
    Model.Results.PowerLossFigures? Figures => null;
}
