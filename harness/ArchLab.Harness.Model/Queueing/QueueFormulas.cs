namespace ArchLab.Harness.Model.Queueing;

/// <summary>
/// Closed forms of queueing theory for one station with Poisson arrivals at rate λ (per second) and service times
/// in seconds: what a measured or simulated run of such a station must come back to. Response time is waiting plus
/// service, the station's sojourn.
/// </summary>
public static class QueueFormulas
{
    /// <summary>Erlang's C: the probability that an arrival waits at an M/M/c station with offered load <paramref name="a"/> = λ/μ.</summary>
    public static double ErlangC(int c, double a)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(c, 1);
        var rho = a / c;
        if (rho >= 1)
        {
            return 1;
        }

        // Erlang B by its recurrence (stable for any c), then C from B.
        var b = 1.0;
        for (var k = 1; k <= c; k++)
        {
            b = a * b / (k + (a * b));
        }

        return b / (1 - (rho * (1 - b)));
    }

    /// <summary>M/M/c: the distribution function of the response time at <paramref name="t"/> seconds.</summary>
    public static double MmcResponseCdf(double lambda, double mu, int c, double t)
    {
        if (t <= 0)
        {
            return 0;
        }

        var wait = ErlangC(c, lambda / mu);
        var theta = (c * mu) - lambda; // the rate of a waiting arrival's wait
        var service = 1 - Math.Exp(-mu * t);
        // A waiting arrival's response is Exp(theta) + Exp(mu): hypoexponential.
        var waited = Math.Abs(theta - mu) < 1e-12 * mu
            ? 1 - (Math.Exp(-mu * t) * (1 + (mu * t)))
            : 1 - (((mu * Math.Exp(-theta * t)) - (theta * Math.Exp(-mu * t))) / (mu - theta));
        return ((1 - wait) * service) + (wait * waited);
    }

    /// <summary>M/M/c: the mean response time in seconds.</summary>
    public static double MmcResponseMean(double lambda, double mu, int c) =>
        (ErlangC(c, lambda / mu) / ((c * mu) - lambda)) + (1 / mu);

    /// <summary>
    /// M/D/1: the distribution function of the response time at <paramref name="t"/> seconds, service <paramref name="d"/>.
    /// The waiting time's is Erlang's series, P(W &lt;= x) = (1 - ρ) Σ_{k=0}^{⌊x/d⌋} (λ(kd - x))^k / k! e^{-λ(kd - x)};
    /// its terms alternate in sign and grow like e^{λx}, so it is summed only while λx stays under 20 (double precision
    /// then keeps about five digits) and NaN is returned past that.
    /// </summary>
    public static double Md1ResponseCdf(double lambda, double d, double t)
    {
        var x = t - d;
        if (x < 0)
        {
            return 0;
        }

        if (lambda * x > 20)
        {
            return double.NaN;
        }

        var sum = 0.0;
        for (var k = 0; k <= (int)Math.Floor(x / d); k++)
        {
            var y = Math.Min(0, lambda * ((k * d) - x)); // <= 0; rounding may put the last k a hair past x
            var magnitude = k == 0 ? 1 : Math.Exp((k * Math.Log(-y)) - LogFactorial(k));
            sum += (k % 2 == 0 ? magnitude : -magnitude) * Math.Exp(-y);
        }

        return Math.Clamp((1 - (lambda * d)) * sum, 0, 1);
    }

    /// <summary>M/G/1 (Pollaczek-Khinchine): the mean response time in seconds, from the service time's first two moments.</summary>
    public static double Mg1ResponseMean(double lambda, double meanService, double secondMoment) =>
        (lambda * secondMoment / (2 * (1 - (lambda * meanService)))) + meanService;

    /// <summary>The point where an increasing distribution function reaches <paramref name="p"/>, by bisection in [0, <paramref name="high"/>].</summary>
    public static double Quantile(Func<double, double> cdf, double p, double high)
    {
        ArgumentNullException.ThrowIfNull(cdf);
        while (cdf(high) < p)
        {
            high *= 2;
        }

        var low = 0.0;
        for (var i = 0; i < 200 && high - low > 1e-9; i++)
        {
            var mid = (low + high) / 2;
            (low, high) = cdf(mid) < p ? (mid, high) : (low, mid);
        }

        return high;
    }

    private static double LogFactorial(int k)
    {
        var sum = 0.0;
        for (var i = 2; i <= k; i++)
        {
            sum += Math.Log(i);
        }

        return sum;
    }
}
