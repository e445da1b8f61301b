namespace ArchLab.Contracts.Hosting;

/// <summary>
/// Application faults a step applies while a fault window is open. The harness sets them with
/// <c>PUT /_archlab/faults</c> at the start of the window and clears them with <c>DELETE</c> at its end.
/// </summary>
/// <param name="ErrorRate">Fraction of executions that fail transiently, 0..1.</param>
/// <param name="Slowdown">Service time multiplied by this factor; 1 means unchanged.</param>
/// <param name="PoisonNonce">Nonce of the run whose poison sequence numbers are listed.</param>
/// <param name="PoisonSeqs">Orders (sequence numbers of <paramref name="PoisonNonce"/>) that always fail at this step.</param>
/// <param name="CrashAfterEffect">Exit with SIGKILL right after the next effect is written, before it is acknowledged.</param>
public sealed record StepFaults(
    double ErrorRate = 0,
    double Slowdown = 1,
    uint PoisonNonce = 0,
    IReadOnlyList<long>? PoisonSeqs = null,
    bool CrashAfterEffect = false)
{
    /// <summary>The path of the control endpoint every role serves on loopback.</summary>
    public const string Path = "/_archlab/faults";

    /// <summary>The query parameter naming the role whose faults a request sets (a process may run several roles).</summary>
    public const string RoleQuery = "role";

    public static StepFaults None { get; } = new();
}
