namespace ArchLab.Harness.Processes;

/// <summary>
/// A role's process as the harness drives it: a child of this harness, or one a load agent runs on its own host
/// (<c>run --place</c>). Faults reach either through signals; only a local one can be read from this machine's /proc.
/// </summary>
public interface IRunningProcess : IAsyncDisposable
{
    string Name { get; }

    /// <summary>Its id on the host that runs it.</summary>
    int Pid { get; }

    /// <summary>Whether it runs on this machine, so that <see cref="Pid"/> is one of this machine's processes.</summary>
    bool IsLocal { get; }

    /// <summary>Completes when the process has exited.</summary>
    Task Exited { get; }

    /// <summary>Sends a signal; false when the process is already gone.</summary>
    ValueTask<bool> SignalAsync(Signal signal);
}
