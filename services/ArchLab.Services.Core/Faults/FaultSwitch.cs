using ArchLab.Contracts.Hosting;
using ArchLab.Contracts.Messages;
using ArchLab.Contracts.Workflow;

namespace ArchLab.Services.Core.Faults;

/// <summary>
/// The step faults in force in this process, set and cleared through the control endpoint while a fault
/// window is open. Reads are lock-free (one reference); the error draws come from a seeded generator of
/// their own, so injecting faults does not shift the service-time draws.
/// </summary>
public sealed class FaultSwitch
{
    private readonly Random _random;
    private readonly Lock _gate = new();
    private Active _active = Active.None;
    private int _crashArmed;

    /// <param name="seed">Seed of the error draws.</param>
    public FaultSwitch(int seed) => _random = new Random(DrawSeeds.Failures(seed));

    public StepFaults Current => Volatile.Read(ref _active).Faults;

    /// <summary>What is wrong with <paramref name="faults"/>, or null when they can be applied.</summary>
    public static string? Validate(StepFaults faults) => faults switch
    {
        { ErrorRate: < 0 or > 1 or double.NaN } => $"errorRate must be from 0 to 1, got {faults.ErrorRate}",
        { Slowdown: <= 0 or double.NaN or double.PositiveInfinity } => $"slowdown must be a factor above 0, got {faults.Slowdown}",
        { PoisonSeqs.Count: > 0, PoisonNonce: 0 } => "poisonSeqs needs the poisonNonce of the run they belong to",
        _ => null,
    };

    /// <summary>Puts <paramref name="faults"/> in force; a crash after effect is armed for the next effect.</summary>
    public void Set(StepFaults faults)
    {
        if (Validate(faults) is { } error)
        {
            throw new ArgumentException(error, nameof(faults));
        }

        Volatile.Write(ref _active, new Active(faults, faults.PoisonSeqs is { Count: > 0 } seqs ? [.. seqs] : []));
        Volatile.Write(ref _crashArmed, faults.CrashAfterEffect ? 1 : 0);
    }

    public void Clear() => Set(StepFaults.None);

    /// <summary>The factor the drawn service time is multiplied by.</summary>
    public double Slowdown => Volatile.Read(ref _active).Faults.Slowdown;

    /// <summary>Why this execution of <paramref name="id"/> fails, or null when it does not: a poison order always fails, others by chance.</summary>
    public string? FailureOf(OrderId id)
    {
        var active = Volatile.Read(ref _active);
        if (active.Poison.Count > 0 && id.Nonce == active.Faults.PoisonNonce && active.Poison.Contains(id.Seq))
        {
            return "poison order";
        }

        if (active.Faults.ErrorRate <= 0)
        {
            return null;
        }

        double draw;
        lock (_gate)
        {
            draw = _random.NextDouble();
        }

        return draw < active.Faults.ErrorRate ? "injected error" : null;
    }

    /// <summary>True once after a crash was armed: the caller must end the process now.</summary>
    public bool TakeCrash() => Volatile.Read(ref _crashArmed) == 1 && Interlocked.Exchange(ref _crashArmed, 0) == 1;

    private sealed record Active(StepFaults Faults, HashSet<long> Poison)
    {
        public static Active None { get; } = new(StepFaults.None, []);
    }
}
