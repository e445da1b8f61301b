using ArchLab.Harness.Model.Semantics;

namespace ArchLab.Unit.Tests.Semantics;

public sealed class RetryAmplificationTests
{
    [Fact]
    public void Every_step_done_once_is_one()
    {
        var amplification = new RetryAmplification();
        amplification.Add([1, 1, 1], [0, 0, 0]);
        amplification.Add([1, 1, 1], [0, 0, 0]);

        Assert.Equal(1.0, amplification.Value);
    }

    [Fact]
    public void Failed_attempts_and_repeated_effects_count_as_attempts_over_the_steps_that_reached_an_effect()
    {
        var amplification = new RetryAmplification();
        amplification.Add([1, 1, 1], [0, 2, 0]); // payment failed twice, then ran: 5 attempts, 3 steps done
        amplification.Add([1, 2, 1], [0, 0, 0]); // payment ran twice (a redelivery): 4 attempts, 3 steps done
        amplification.Add([1, 0, 0], [0, 3, 0]); // payment never got through: 4 attempts, 1 step done

        Assert.Equal(Math.Round(13.0 / 7, 4), amplification.Value);
    }

    [Fact]
    public void Without_any_step_done_there_is_no_figure()
    {
        var amplification = new RetryAmplification();
        Assert.Null(amplification.Value);

        amplification.Add([0, 0, 0], [2, 0, 0]);

        Assert.Null(amplification.Value);
    }
}
