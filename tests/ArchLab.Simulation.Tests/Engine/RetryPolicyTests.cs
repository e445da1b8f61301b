using ArchLab.Contracts.Hosting;
using ArchLab.Simulation.Engine;
using ArchLab.Simulation.Workflow;

namespace ArchLab.Simulation.Tests.Engine;

/// <summary>Backoff and the four jitters: their means match what each is defined to be.</summary>
public sealed class RetryPolicyTests
{
    [Theory]
    [InlineData(Jitter.None, 0.4)]
    [InlineData(Jitter.Full, 0.2)]
    [InlineData(Jitter.Equal, 0.3)]
    [InlineData(Jitter.Proportional, 0.4)]
    public void The_third_exponential_delay_has_the_mean_of_its_jitter(Jitter jitter, double mean)
    {
        var policy = new RetryPolicy(5, BackoffKind.Exponential, 0.1, 2, jitter);
        var random = new RandomStream(1, "jitter");

        var average = Enumerable.Range(0, 100_000).Average(_ => policy.Delay(3, 0, random));

        Assert.InRange(average, mean * 0.99, mean * 1.01);
    }

    [Fact]
    public void Decorrelated_jitter_draws_between_the_base_and_three_times_the_previous_delay()
    {
        var policy = new RetryPolicy(5, BackoffKind.Exponential, 0.1, 2, Jitter.Decorrelated);
        var random = new RandomStream(1, "jitter");

        var delays = Enumerable.Range(0, 10_000).Select(_ => policy.Delay(2, 0.5, random)).ToList();

        Assert.All(delays, d => Assert.InRange(d, 0.1, 1.5));
        Assert.InRange(delays.Average(), 0.78, 0.82);
    }

    [Fact]
    public void No_delay_exceeds_the_maximum()
    {
        var policy = new RetryPolicy(10, BackoffKind.Exponential, 0.25, 2, Jitter.None);

        Assert.Equal(2, policy.Delay(8, 0, new RandomStream(1, "x")));
    }
}
