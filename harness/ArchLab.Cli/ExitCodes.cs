namespace ArchLab.Cli;

/// <summary>What the exit code of <c>archlab</c> says, for scripts and CI.</summary>
public static class ExitCodes
{
    /// <summary>Everything ran and every expectation held.</summary>
    public const int Ok = 0;

    /// <summary>The run finished, but an expectation failed or the books did not add up.</summary>
    public const int ExpectationFailed = 1;

    /// <summary>Bad input (a scenario file, an option) or a missing prerequisite (nats-server): nothing ran.</summary>
    public const int BadInput = 2;

    /// <summary>The run itself failed: a process did not start, a component broke.</summary>
    public const int RunFailed = 3;

    /// <summary>Interrupted (Ctrl-C).</summary>
    public const int Interrupted = 130;
}
