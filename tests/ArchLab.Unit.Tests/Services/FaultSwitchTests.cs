// Not ArchLab.Unit.Tests.Services: that namespace would shadow ArchLab.Services.Core for the other test folders.
using ArchLab.Contracts.Hosting;
using ArchLab.Contracts.Messages;
using ArchLab.Services.Core.Faults;

namespace ArchLab.Unit.Tests.StepServices;

public class FaultSwitchTests
{
    private const uint Nonce = 0x1234abcd;

    [Fact]
    public void Without_faults_nothing_fails_and_nothing_is_slowed()
    {
        var faults = new FaultSwitch(seed: 1);

        Assert.All(Enumerable.Range(0, 1000), i => Assert.Null(faults.FailureOf(new OrderId(Nonce, i))));
        Assert.Equal(1, faults.Slowdown);
        Assert.False(faults.TakeCrash());
    }

    [Fact]
    public void A_poison_order_of_the_run_always_fails_and_the_same_sequence_of_another_run_does_not()
    {
        var faults = new FaultSwitch(seed: 1);
        faults.Set(new StepFaults(PoisonNonce: Nonce, PoisonSeqs: [7, 13]));

        Assert.All(Enumerable.Range(0, 50), _ => Assert.Equal("poison order", faults.FailureOf(new OrderId(Nonce, 7))));
        Assert.Null(faults.FailureOf(new OrderId(Nonce, 8)));
        Assert.Null(faults.FailureOf(new OrderId(Nonce ^ 1, 7)));
    }

    [Fact]
    public void The_error_rate_fails_about_that_share_of_executions_and_the_same_seed_draws_the_same()
    {
        static int[] Failures(int seed)
        {
            var faults = new FaultSwitch(seed);
            faults.Set(new StepFaults(ErrorRate: 0.2));
            return [.. Enumerable.Range(0, 10_000).Where(i => faults.FailureOf(new OrderId(Nonce, i)) is not null)];
        }

        var failures = Failures(42);

        Assert.InRange(failures.Length, 1800, 2200);
        Assert.Equal(failures, Failures(42));
    }

    [Fact]
    public void A_crash_is_taken_once_and_clearing_disarms_it()
    {
        var faults = new FaultSwitch(seed: 1);
        faults.Set(new StepFaults(CrashAfterEffect: true));

        Assert.True(faults.TakeCrash());
        Assert.False(faults.TakeCrash());

        faults.Set(new StepFaults(CrashAfterEffect: true));
        faults.Clear();
        Assert.False(faults.TakeCrash());
        Assert.Equal(StepFaults.None, faults.Current);
    }

    [Theory]
    [InlineData(-0.1, 1.0, 0u, false, "errorRate must be from 0 to 1")]
    [InlineData(1.5, 1.0, 0u, false, "errorRate must be from 0 to 1")]
    [InlineData(0.0, 0.0, 0u, false, "slowdown must be a factor above 0")]
    [InlineData(0.0, 1.0, 0u, true, "poisonSeqs needs the poisonNonce")]
    public void Faults_that_cannot_apply_are_refused(double errorRate, double slowdown, uint nonce, bool poison, string expected)
    {
        var wrong = new StepFaults(errorRate, slowdown, nonce, poison ? [1] : null);

        Assert.StartsWith(expected, FaultSwitch.Validate(wrong), StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new FaultSwitch(1).Set(wrong));
    }
}
