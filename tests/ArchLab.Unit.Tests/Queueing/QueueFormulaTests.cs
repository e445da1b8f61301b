using ArchLab.Harness.Model.Queueing;

namespace ArchLab.Unit.Tests.Queueing;

/// <summary>The closed forms against known values and against each other: a distribution must integrate to its mean.</summary>
public class QueueFormulaTests
{
    [Fact]
    public void Erlang_C_is_rho_for_one_server_and_one_third_for_two_at_half_load()
    {
        Assert.Equal(0.5, QueueFormulas.ErlangC(1, 0.5), 12);
        Assert.Equal(1.0 / 3, QueueFormulas.ErlangC(2, 1.0), 12);
        // A textbook value: c = 5, a = 4 (rho 0.8): C = 0.5541.
        Assert.Equal(0.5541, QueueFormulas.ErlangC(5, 4), 4);
    }

    [Fact]
    public void M_M_1_response_is_exponential_with_rate_mu_minus_lambda()
    {
        const double Lambda = 50, Mu = 100;

        Assert.Equal(1 / (Mu - Lambda), QueueFormulas.MmcResponseMean(Lambda, Mu, 1), 12);
        var p99 = QueueFormulas.Quantile(t => QueueFormulas.MmcResponseCdf(Lambda, Mu, 1, t), 0.99, 0.1);
        Assert.Equal(Math.Log(100) / (Mu - Lambda), p99, 6);
    }

    [Theory]
    [InlineData(1, 50, 100)]
    [InlineData(3, 240, 100)]
    [InlineData(8, 600, 100)]
    public void The_M_M_c_response_distribution_integrates_to_its_mean(int c, double lambda, double mu)
    {
        var mean = Integrate(t => 1 - QueueFormulas.MmcResponseCdf(lambda, mu, c, t), 2);

        Assert.Equal(QueueFormulas.MmcResponseMean(lambda, mu, c), mean, 5);
    }

    [Theory]
    [InlineData(50, 0.01)]  // rho 0.5
    [InlineData(80, 0.01)]  // rho 0.8
    [InlineData(300, 0.002)] // rho 0.6
    public void The_M_D_1_response_distribution_integrates_to_the_Pollaczek_Khinchine_mean(double lambda, double d)
    {
        var mean = Integrate(t => 1 - QueueFormulas.Md1ResponseCdf(lambda, d, t), 20 / lambda);

        Assert.Equal(QueueFormulas.Mg1ResponseMean(lambda, d, d * d), mean, 4);
    }

    [Fact]
    public void The_M_D_1_series_refuses_where_double_precision_cannot_sum_it()
    {
        Assert.True(double.IsNaN(QueueFormulas.Md1ResponseCdf(90, 0.01, 0.5)));
    }

    /// <summary>The trapezoid rule on [0, <paramref name="upTo"/>] with 200,000 steps.</summary>
    private static double Integrate(Func<double, double> f, double upTo)
    {
        const int Steps = 200_000;
        var h = upTo / Steps;
        var sum = (f(0) + f(upTo)) / 2;
        for (var i = 1; i < Steps; i++)
        {
            sum += f(i * h);
        }

        return sum * h;
    }
}
