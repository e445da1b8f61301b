using ArchLab.Contracts.Workflow;
using ArchLab.Services.Core.Cost;

namespace ArchLab.Unit.Tests.StepServices;

/// <summary>The configured distributions' mean and percentiles against closed forms and against the services' own draws.</summary>
public class ServiceTimeShapeTests
{
    private static readonly TimeSpan Ms10 = TimeSpan.FromMilliseconds(10);

    [Theory]
    [InlineData(50, 6.931)] // -ln(0.5) * 10
    [InlineData(90, 23.026)]
    [InlineData(99, 46.052)]
    public void The_exponential_percentiles_are_its_closed_form(double percentile, double ms)
    {
        var time = new ServiceTime(ServiceTimeKind.Exponential, Ms10);

        Assert.Equal(ms, ServiceTimeShape.Percentile(time, percentile).TotalMilliseconds, 2);
        Assert.Equal(10, ServiceTimeShape.Mean(time).TotalMilliseconds, 6);
    }

    [Fact]
    public void The_lognormal_median_is_its_scale_and_its_p99_the_normal_quantile_away()
    {
        var time = new ServiceTime(ServiceTimeKind.LogNormal, TimeSpan.FromMilliseconds(40), Sigma: 0.3);

        Assert.Equal(40, ServiceTimeShape.Percentile(time, 50).TotalMilliseconds, 3);
        Assert.Equal(40 * Math.Exp(0.3 * 2.326348), ServiceTimeShape.Percentile(time, 99).TotalMilliseconds, 2);
        Assert.Equal(40 * Math.Exp(0.045), ServiceTimeShape.Mean(time).TotalMilliseconds, 3);
    }

    [Fact]
    public void Fixed_and_uniform_percentiles_are_where_they_must_be()
    {
        Assert.Equal(10, ServiceTimeShape.Percentile(new ServiceTime(ServiceTimeKind.Fixed, Ms10), 99).TotalMilliseconds);
        Assert.Equal(8.2, ServiceTimeShape.Percentile(new ServiceTime(ServiceTimeKind.Uniform, TimeSpan.FromMilliseconds(1), Ms10), 80).TotalMilliseconds, 6);
    }

    [Theory]
    [InlineData("exp", 50)]
    [InlineData("exp", 99)]
    [InlineData("lognormal", 99)]
    [InlineData("fixed", 97)]
    [InlineData("fixed", 99)]
    public void With_a_slow_tail_the_percentile_is_the_mixtures_as_the_services_draw_it(string family, double percentile)
    {
        var time = family switch
        {
            "exp" => new ServiceTime(ServiceTimeKind.Exponential, Ms10),
            "lognormal" => new ServiceTime(ServiceTimeKind.LogNormal, Ms10, Sigma: 0.5),
            _ => new ServiceTime(ServiceTimeKind.Fixed, Ms10),
        };
        var tail = new SlowTail(0.05, TimeSpan.FromMilliseconds(80));
        var sampler = new ServiceTimeSampler(time, seed: 5, tail);
        var draws = Enumerable.Range(0, 200_000).Select(_ => sampler.Next().TotalMilliseconds).Order().ToArray();
        var empirical = draws[(int)Math.Ceiling(percentile / 100 * draws.Length) - 1];

        var computed = ServiceTimeShape.Percentile(time, percentile, tail).TotalMilliseconds;

        Assert.True(Math.Abs(computed - empirical) <= 0.02 * empirical + 0.01, $"computed {computed} ms, drawn {empirical} ms");
        Assert.Equal(draws.Average(), ServiceTimeShape.Mean(time, tail).TotalMilliseconds, 0);
    }
}
