using ArchLab.Cli;

namespace ArchLab.Unit.Tests.Terminal;

public sealed class InterruptsTests
{
    [Fact]
    public void The_first_Ctrl_C_cancels_the_run_and_waits_for_its_graceful_stop()
    {
        var abandoned = new List<string>();
        using var interrupts = new Interrupts(TimeSpan.FromMinutes(5), abandoned.Add);

        interrupts.Interrupt();

        Assert.True(interrupts.Token.IsCancellationRequested);
        Assert.Empty(abandoned);
    }

    [Fact]
    public void A_second_Ctrl_C_stops_waiting()
    {
        var abandoned = new List<string>();
        using var interrupts = new Interrupts(TimeSpan.FromMinutes(5), abandoned.Add);

        interrupts.Interrupt();
        interrupts.Interrupt();

        Assert.Equal(["a second Ctrl-C"], abandoned);
    }

    [Fact]
    public async Task A_graceful_stop_past_its_deadline_is_abandoned_with_the_reason()
    {
        var abandoned = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var interrupts = new Interrupts(TimeSpan.FromMilliseconds(100), why => abandoned.TrySetResult(why));

        interrupts.Interrupt();

        var why = await abandoned.Task.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        Assert.Equal("the graceful stop took longer than 0.1 s", why);
    }
}
