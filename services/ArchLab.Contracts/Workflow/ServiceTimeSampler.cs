namespace ArchLab.Contracts.Workflow;

/// <summary>
/// Draws service times from a <see cref="ServiceTime"/>, plus a <see cref="SlowTail"/> when there is one, with a
/// seeded generator; safe to call from any thread. The simulator draws from the same two sequences
/// (<see cref="Random"/> of <c>seed</c> and of <see cref="DrawSeeds.Tail"/>) through the same inverse transform, so a
/// simulated step takes the times its measured twin took.
/// </summary>
public sealed class ServiceTimeSampler
{
    private readonly ServiceTime _time;
    private readonly SlowTail? _tail;
    private readonly Random _random;
    private readonly Random _tailRandom;
    private readonly Lock _gate = new();

    public ServiceTimeSampler(ServiceTime time, int seed, SlowTail? tail = null)
    {
        _time = time;
        _tail = tail;
        _random = new Random(seed);
        // Its own stream, so that adding a tail leaves the body's draws as they were.
        _tailRandom = new Random(DrawSeeds.Tail(seed));
    }

    public TimeSpan Next() => Body() + Tail();

    private TimeSpan Tail()
    {
        if (_tail is not { Probability: > 0 } tail)
        {
            return TimeSpan.Zero;
        }

        double u;
        lock (_gate)
        {
            u = _tailRandom.NextDouble();
        }

        return u < tail.Probability ? tail.Extra : TimeSpan.Zero;
    }

    private TimeSpan Body()
    {
        if (_time.Kind == ServiceTimeKind.Fixed)
        {
            return _time.Scale;
        }

        double u;
        lock (_gate)
        {
            u = _random.NextDouble();
        }

        return ServiceTimeShape.Quantile(_time, u);
    }
}
