using ArchLab.Contracts.Workflow;

namespace ArchLab.Services.Core.Cost;

/// <summary>
/// Draws service times from a <see cref="ServiceTime"/>, plus a <see cref="SlowTail"/> when there is one, with a
/// seeded generator; safe to call from any thread.
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
        _tailRandom = new Random(unchecked(seed * 16777619 + 1));
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

        return _time.Kind switch
        {
            // Inverse transform; 1 - u keeps the argument of the log in (0, 1].
            ServiceTimeKind.Exponential => _time.Scale * -Math.Log(1 - u),
            ServiceTimeKind.LogNormal => _time.Scale * Math.Exp(_time.Sigma * ServiceTimeShape.NormalQuantile(u)),
            ServiceTimeKind.Uniform => _time.Scale + (_time.Max - _time.Scale) * u,
            _ => _time.Scale,
        };
    }
}
