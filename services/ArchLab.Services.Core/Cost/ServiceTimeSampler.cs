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
            ServiceTimeKind.LogNormal => _time.Scale * Math.Exp(_time.Sigma * NormalQuantile(u)),
            ServiceTimeKind.Uniform => _time.Scale + (_time.Max - _time.Scale) * u,
            _ => _time.Scale,
        };
    }

    /// <summary>The standard normal quantile (Acklam's rational approximation, relative error below 1.2e-9).</summary>
    internal static double NormalQuantile(double p)
    {
        p = Math.Clamp(p, 1e-12, 1 - 1e-12);
        double[] a = [-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00];
        double[] b = [-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01, -1.328068155288572e+01];
        double[] c = [-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00];
        double[] d = [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00];
        const double Low = 0.02425;
        if (p < Low)
        {
            var q = Math.Sqrt(-2 * Math.Log(p));
            return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
        }

        if (p > 1 - Low)
        {
            var q = Math.Sqrt(-2 * Math.Log(1 - p));
            return -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
        }

        var r = p - 0.5;
        var s = r * r;
        return (((((a[0] * s + a[1]) * s + a[2]) * s + a[3]) * s + a[4]) * s + a[5]) * r / (((((b[0] * s + b[1]) * s + b[2]) * s + b[3]) * s + b[4]) * s + 1);
    }
}
