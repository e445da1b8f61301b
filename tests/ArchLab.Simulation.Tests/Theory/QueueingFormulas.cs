namespace ArchLab.Simulation.Tests.Theory;

/// <summary>Closed-form results the simulator must reproduce (Kleinrock, Queueing Systems vol. 1).</summary>
internal static class QueueingFormulas
{
    /// <summary>M/M/1 mean response time: 1 / (μ - λ).</summary>
    public static double MM1Response(double lambda, double mu) => 1 / (mu - lambda);

    /// <summary>M/M/1 mean number in system: ρ / (1 - ρ).</summary>
    public static double MM1Number(double rho) => rho / (1 - rho);

    /// <summary>M/M/1 response time is exponential with rate μ - λ: its p-quantile is -ln(1 - p) / (μ - λ).</summary>
    public static double MM1ResponseQuantile(double lambda, double mu, double p) => -Math.Log(1 - p) / (mu - lambda);

    /// <summary>Erlang C: the probability an arrival waits in M/M/c, with offered load a = λ/μ.</summary>
    public static double ErlangC(int c, double a)
    {
        // Erlang B by its stable recursion, then C from B.
        var b = 1.0;
        for (var k = 1; k <= c; k++)
        {
            b = a * b / (k + (a * b));
        }

        var rho = a / c;
        return b / (1 - (rho * (1 - b)));
    }

    /// <summary>M/M/c mean wait in queue: C(c, a) / (cμ - λ).</summary>
    public static double MMcWait(int c, double lambda, double mu) => ErlangC(c, lambda / mu) / ((c * mu) - lambda);

    /// <summary>Pollaczek-Khinchine for M/G/1: Wq = λ E[S²] / (2 (1 - ρ)); for a fixed service time D, E[S²] = D².</summary>
    public static double MD1Wait(double lambda, double d) => lambda * d * d / (2 * (1 - (lambda * d)));
}
