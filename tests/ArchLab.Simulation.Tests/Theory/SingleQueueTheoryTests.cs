using ArchLab.Simulation.Queueing;

namespace ArchLab.Simulation.Tests.Theory;

/// <summary>
/// One queue against closed-form results. Each figure is estimated with a 99.9% batch-means interval over 20 batches
/// after a warm-up (at 95% a dozen checks would fail by chance about one run in two); the test passes when theory
/// falls inside the interval widened by 1% of the value (the residual bias of a finite warm-up), and checks the
/// interval is narrow enough (under 8%) to tell a wrong formula apart.
/// </summary>
public sealed class SingleQueueTheoryTests
{
    private const double Mu = 1000; // service rate: 1ms mean service
    private const double Slack = 0.01;

    [Theory]
    [InlineData(0.5, 1)]
    [InlineData(0.7, 2)]
    [InlineData(0.9, 3)]
    public void MM1_mean_response_number_in_system_and_p99_match_theory(double rho, long seed)
    {
        var lambda = rho * Mu;
        var result = OpenQueueModel.Run(new OpenQueueOptions(lambda, 1, ServiceSampler.Exponential(1 / Mu), Customers(rho), 20_000, Seed: seed));

        AssertCovers(result.Response, QueueingFormulas.MM1Response(lambda, Mu), "mean response");
        AssertCovers(result.NumberInSystem, QueueingFormulas.MM1Number(rho), "mean number in system");
        AssertCovers(result.P99Response!, QueueingFormulas.MM1ResponseQuantile(lambda, Mu, 0.99), "p99 response");
    }

    [Theory]
    [InlineData(2, 0.8)]
    [InlineData(4, 0.85)]
    public void MMc_waiting_probability_and_mean_wait_are_Erlang_C(int c, double rho)
    {
        var lambda = rho * c * Mu;
        var result = OpenQueueModel.Run(new OpenQueueOptions(lambda, c, ServiceSampler.Exponential(1 / Mu), 2_000_000, 20_000, Seed: 7));

        AssertCovers(result.WaitedShare, QueueingFormulas.ErlangC(c, lambda / Mu), "P(wait)");
        AssertCovers(result.Wait, QueueingFormulas.MMcWait(c, lambda, Mu), "mean wait");
    }

    [Theory]
    [InlineData(0.6)]
    [InlineData(0.85)]
    public void MD1_mean_wait_is_Pollaczek_Khinchine(double rho)
    {
        var lambda = rho * Mu;
        var result = OpenQueueModel.Run(new OpenQueueOptions(lambda, 1, ServiceSampler.Fixed(1 / Mu), 800_000, 20_000, Seed: 5));

        AssertCovers(result.Wait, QueueingFormulas.MD1Wait(lambda, 1 / Mu), "mean wait");
        // The same run must reject M/M/1's wait, twice P-K's: the test can tell a wrong model or formula.
        Assert.False(Covers(result.Wait, QueueingFormulas.MM1Response(lambda, Mu) - (1 / Mu)), "M/D/1 wait looks like M/M/1's");
    }

    [Fact]
    public void A_wrong_formula_falls_outside_the_interval()
    {
        // The intervals are narrow enough to reject a 5% error: were they not, every theory test above could not fail.
        var lambda = 0.7 * Mu;
        var result = OpenQueueModel.Run(new OpenQueueOptions(lambda, 1, ServiceSampler.Exponential(1 / Mu), Customers(0.7), 20_000, Seed: 3));
        var right = QueueingFormulas.MM1Response(lambda, Mu);

        Assert.True(Covers(result.Response, right));
        Assert.False(Covers(result.Response, right * 1.05), $"{result.Response} also covers {right * 1.05}");
        Assert.False(Covers(result.Response, right * 0.95), $"{result.Response} also covers {right * 0.95}");
        Assert.False(Covers(result.NumberInSystem, 0.7 / (1 - 0.7) * 1.1));
    }

    [Fact]
    public void Another_seed_gives_other_draws_and_the_same_seed_the_same()
    {
        OpenQueueResult Run(long seed) => OpenQueueModel.Run(new OpenQueueOptions(500, 1, ServiceSampler.Exponential(1 / Mu), 20_000, 0, Seed: seed));

        Assert.Equal(Run(1).Response.BatchMeans, Run(1).Response.BatchMeans);
        Assert.NotEqual(Run(1).Response.Mean, Run(2).Response.Mean);
    }

    // Heavier load has longer correlations: more customers keep the interval honest and narrow.
    private static long Customers(double rho) => rho >= 0.9 ? 5_000_000 : 800_000;

    private static bool Covers(BatchEstimate estimate, double theory)
    {
        var wide = estimate.At(0.999);
        return theory >= wide.Low - (Slack * theory) && theory <= wide.High + (Slack * theory);
    }

    private static void AssertCovers(BatchEstimate estimate, double theory, string what)
    {
        Assert.True(Covers(estimate, theory), $"{what}: simulated {estimate.At(0.999)}, theory {theory:G5}");
        // An interval wider than 8% of the value would accept a formula 10% wrong.
        Assert.True(estimate.At(0.999).HalfWidth < 0.08 * theory, $"{what}: interval {estimate.At(0.999)} too wide to test {theory:G5}");
    }
}
