namespace ArchLab.Contracts.Workflow;

/// <summary>
/// What a step's configured service time should look like: the mean and the percentiles of its distribution, slow
/// tail included, against which the times the steps really took are held.
/// </summary>
public static class ServiceTimeShape
{
    /// <summary>The mean of the distribution plus its tail's share: <c>mean + p * extra</c>.</summary>
    public static TimeSpan Mean(ServiceTime time, SlowTail? tail = null)
    {
        ArgumentNullException.ThrowIfNull(time);
        return time.Mean + (tail is { Probability: > 0 } t ? t.Extra * t.Probability : TimeSpan.Zero);
    }

    /// <summary>The <paramref name="percentile"/> (0-100) of the distribution with its slow tail.</summary>
    public static TimeSpan Percentile(ServiceTime time, double percentile, SlowTail? tail = null)
    {
        ArgumentNullException.ThrowIfNull(time);
        var p = Math.Clamp(percentile / 100, 0, 1);
        if (tail is not { Probability: > 0 } slow)
        {
            return Quantile(time, p);
        }

        // A mixture has no closed form: bisect its distribution function (1 - q) F(x) + q F(x - extra).
        var q = slow.Probability;
        var low = 0.0;
        var high = Quantile(time, 1 - 1e-9).TotalMicroseconds + slow.Extra.TotalMicroseconds;
        for (var i = 0; i < 100 && high - low > 1e-3; i++)
        {
            var x = (low + high) / 2;
            var f = ((1 - q) * Cdf(time, x)) + (q * Cdf(time, x - slow.Extra.TotalMicroseconds));
            (low, high) = f < p ? (x, high) : (low, x);
        }

        return TimeSpan.FromMicroseconds(high);
    }

    /// <summary>
    /// The body's quantile at <paramref name="p"/> in [0, 1), no tail: the inverse transform every service-time draw
    /// goes through, in the services and in the simulator.
    /// </summary>
    public static TimeSpan Quantile(ServiceTime time, double p) => time.Kind switch
    {
        ServiceTimeKind.Fixed => time.Scale,
        ServiceTimeKind.Exponential => time.Scale * -Math.Log(Math.Max(1 - p, 1e-12)),
        ServiceTimeKind.LogNormal => time.Scale * Math.Exp(time.Sigma * NormalQuantile(p)),
        ServiceTimeKind.Uniform => time.Scale + ((time.Max - time.Scale) * p),
        _ => throw new InvalidOperationException($"unknown service-time kind {time.Kind}"),
    };

    /// <summary>The distribution function at <paramref name="micros"/> microseconds.</summary>
    private static double Cdf(ServiceTime time, double micros)
    {
        var scale = time.Scale.TotalMicroseconds;
        return time.Kind switch
        {
            _ when micros < 0 => 0,
            ServiceTimeKind.Fixed => micros >= scale ? 1 : 0,
            ServiceTimeKind.Exponential => scale <= 0 ? 1 : 1 - Math.Exp(-micros / scale),
            ServiceTimeKind.LogNormal when micros == 0 => 0,
            ServiceTimeKind.LogNormal => time.Sigma <= 0 ? (micros >= scale ? 1 : 0) : NormalCdf(Math.Log(micros / scale) / time.Sigma),
            ServiceTimeKind.Uniform => Math.Clamp((micros - scale) / Math.Max(time.Max.TotalMicroseconds - scale, 1e-9), 0, 1),
            _ => throw new InvalidOperationException($"unknown service-time kind {time.Kind}"),
        };
    }

    /// <summary>The standard normal distribution function (Abramowitz and Stegun 7.1.26: absolute error below 1.5e-7).</summary>
    public static double NormalCdf(double z)
    {
        var x = Math.Abs(z) / Math.Sqrt(2);
        var t = 1 / (1 + (0.3275911 * x));
        var erf = 1 - (((((((1.061405429 * t) - 1.453152027) * t) + 1.421413741) * t) - 0.284496736) * t + 0.254829592) * t * Math.Exp(-x * x);
        return z >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
    }

    /// <summary>The standard normal quantile (Acklam's rational approximation, relative error below 1.2e-9).</summary>
    public static double NormalQuantile(double p)
    {
        p = Math.Clamp(p, 1e-12, 1 - 1e-12);
        ReadOnlySpan<double> a = [-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00];
        ReadOnlySpan<double> b = [-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01, -1.328068155288572e+01];
        ReadOnlySpan<double> c = [-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00];
        ReadOnlySpan<double> d = [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00];
        const double Low = 0.02425;
        if (p < Low || p > 1 - Low)
        {
            var q = Math.Sqrt(-2 * Math.Log(p < Low ? p : 1 - p));
            var tail = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
            return p < Low ? tail : -tail;
        }

        var r = p - 0.5;
        var s = r * r;
        return (((((a[0] * s + a[1]) * s + a[2]) * s + a[3]) * s + a[4]) * s + a[5]) * r / (((((b[0] * s + b[1]) * s + b[2]) * s + b[3]) * s + b[4]) * s + 1);
    }
}
