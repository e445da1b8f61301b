using ArchLab.Contracts.Workflow;
using ArchLab.Simulation.Engine;

namespace ArchLab.Simulation.Queueing;

/// <summary>Draws service times in seconds: a scenario's distribution, or an empirical one measured in a real run.</summary>
public sealed class ServiceSampler
{
    private readonly ServiceTime _time;
    private readonly double[]? _empirical;
    private double _tailProbability;
    private double _tailExtra;

    private ServiceSampler(ServiceTime time, double[]? empirical)
    {
        _time = time;
        _empirical = empirical;
    }

    public static ServiceSampler Zero { get; } = Fixed(0);

    public static ServiceSampler Fixed(double seconds) => From(new ServiceTime(ServiceTimeKind.Fixed, TimeSpan.FromSeconds(seconds)));

    public static ServiceSampler Exponential(double meanSeconds) => From(new ServiceTime(ServiceTimeKind.Exponential, TimeSpan.FromSeconds(meanSeconds)));

    public static ServiceSampler From(ServiceTime time) => new(time, null);

    /// <summary>Resamples measured values (seconds) uniformly: the measured distribution, whatever its shape.</summary>
    public static ServiceSampler Empirical(IReadOnlyCollection<double> seconds)
    {
        if (seconds.Count == 0)
        {
            throw new ArgumentException("an empirical distribution needs at least one value", nameof(seconds));
        }

        return new(ServiceTime.Zero, [.. seconds]);
    }

    /// <summary>The same distribution with a slow tail: <paramref name="tail"/>'s extra time, with its probability; null: none.</summary>
    public ServiceSampler WithTail(SlowTail? tail) => tail is null
        ? this
        : new ServiceSampler(_time, _empirical) { _tailProbability = tail.Probability, _tailExtra = tail.Extra.TotalSeconds };

    /// <summary>The mean in seconds, the tail included.</summary>
    public double Mean => BodyMean + (_tailProbability * _tailExtra);

    private double BodyMean => _empirical is { } values ? values.Average() : _time.Mean.TotalSeconds;

    /// <summary>One draw in seconds, in the order <see cref="ServiceTimeSampler"/> draws: the body, then the tail.</summary>
    public double Next(ServiceDraws draws)
    {
        var body = Body(draws.Body);
        return _tailProbability > 0 && draws.Tail.NextDouble() < _tailProbability ? body + _tailExtra : body;
    }

    private double Body(IUniformSource random)
    {
        if (_empirical is { } values)
        {
            return values[(int)(random.NextDouble() * values.Length)];
        }

        // A fixed time draws nothing, as in the services, so the sequences stay in step.
        return _time.Kind == ServiceTimeKind.Fixed
            ? _time.Scale.TotalSeconds
            : ServiceTimeShape.Quantile(_time, random.NextDouble()).TotalSeconds;
    }
}
