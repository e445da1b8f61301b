using ArchLab.Contracts.Workflow;
using ArchLab.Simulation.Engine;

namespace ArchLab.Simulation.Queueing;

/// <summary>Draws service times in seconds: a scenario's distribution, or an empirical one measured in a real run.</summary>
public sealed class ServiceSampler
{
    private readonly ServiceTimeKind _kind;
    private readonly double _scale;
    private readonly double _max;
    private readonly double _sigma;
    private readonly double[]? _empirical;
    private double _tailProbability;
    private double _tailExtra;

    private ServiceSampler(ServiceTimeKind kind, double scale, double max, double sigma, double[]? empirical)
    {
        _kind = kind;
        _scale = scale;
        _max = max;
        _sigma = sigma;
        _empirical = empirical;
    }

    public static ServiceSampler Zero { get; } = Fixed(0);

    public static ServiceSampler Fixed(double seconds) => new(ServiceTimeKind.Fixed, seconds, 0, 0, null);

    public static ServiceSampler Exponential(double meanSeconds) => new(ServiceTimeKind.Exponential, meanSeconds, 0, 0, null);

    public static ServiceSampler From(ServiceTime time) =>
        new(time.Kind, time.Scale.TotalSeconds, time.Max.TotalSeconds, time.Sigma, null);

    /// <summary>Resamples measured values (seconds) uniformly: the measured distribution, whatever its shape.</summary>
    public static ServiceSampler Empirical(IReadOnlyCollection<double> seconds)
    {
        if (seconds.Count == 0)
        {
            throw new ArgumentException("an empirical distribution needs at least one value", nameof(seconds));
        }

        return new(ServiceTimeKind.Fixed, 0, 0, 0, [.. seconds]);
    }

    /// <summary>The same distribution with a slow tail: <paramref name="tail"/>'s extra time, with its probability; null: none.</summary>
    public ServiceSampler WithTail(SlowTail? tail) => tail is null
        ? this
        : new ServiceSampler(_kind, _scale, _max, _sigma, _empirical) { _tailProbability = tail.Probability, _tailExtra = tail.Extra.TotalSeconds };

    /// <summary>The mean in seconds, the tail included.</summary>
    public double Mean => BodyMean + (_tailProbability * _tailExtra);

    private double BodyMean => _empirical is { } values ? values.Average() : _kind switch
    {
        ServiceTimeKind.Fixed or ServiceTimeKind.Exponential => _scale,
        ServiceTimeKind.LogNormal => _scale * Math.Exp(_sigma * _sigma / 2),
        ServiceTimeKind.Uniform => (_scale + _max) / 2,
        _ => throw new InvalidOperationException($"unknown service-time kind {_kind}"),
    };

    public double Next(RandomStream random)
    {
        var body = Body(random);
        return _tailProbability > 0 && random.NextDouble() < _tailProbability ? body + _tailExtra : body;
    }

    private double Body(RandomStream random)
    {
        if (_empirical is { } values)
        {
            return values[(int)(random.NextDouble() * values.Length)];
        }

        return _kind switch
        {
            ServiceTimeKind.Fixed => _scale,
            ServiceTimeKind.Exponential => random.Exponential(_scale),
            ServiceTimeKind.LogNormal => _scale * Math.Exp(_sigma * random.Normal()),
            ServiceTimeKind.Uniform => _scale + ((_max - _scale) * random.NextDouble()),
            _ => throw new InvalidOperationException($"unknown service-time kind {_kind}"),
        };
    }
}
