namespace ArchLab.Contracts.Workflow;

/// <summary>How a step spends its service time.</summary>
public enum CostMode
{
    /// <summary>The step waits (an I/O call, a remote dependency): no CPU is burnt.</summary>
    Wait,

    /// <summary>The step burns CPU for the whole service time.</summary>
    Cpu,
}

/// <summary>The cost model of one step.</summary>
/// <param name="Time">Service-time distribution of one execution.</param>
/// <param name="Mode">Whether the time is spent waiting or burning CPU. Default: wait.</param>
/// <param name="Workers">How many executions may run at once; the rest queue. 0 means unbounded.</param>
public sealed record StepCost(ServiceTime Time, CostMode Mode = CostMode.Wait, int Workers = 0)
{
    /// <summary>A slow tail: with this probability an execution takes <see cref="SlowTail.Extra"/> longer. Default: none.</summary>
    public SlowTail? Tail { get; init; }

    /// <summary>A step that costs nothing and never queues.</summary>
    public static StepCost Free { get; } = new(ServiceTime.Zero);
}

/// <summary>
/// A step that is sometimes slow (a GC pause, a cold cache, a noisy neighbour): each execution, independently,
/// takes <paramref name="Extra"/> longer with probability <paramref name="Probability"/>. Behind a fan-out to N
/// such receivers a caller that waits for all of them is slow 1 - (1 - p)^N of the time.
/// </summary>
public sealed record SlowTail(double Probability, TimeSpan Extra);
