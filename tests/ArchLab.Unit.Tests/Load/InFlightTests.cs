using ArchLab.Load.Recording;

namespace ArchLab.Unit.Tests.Load;

/// <summary>
/// Sent and not ended, read while a closed-model user adds its tally (a batch sent, then the same batch ended) on
/// another thread: never below zero, whatever the interleaving.
/// </summary>
public sealed class InFlightTests
{
    [Fact]
    public async Task In_flight_is_never_negative_while_batches_are_counted_beside_the_reader()
    {
        var counters = new OutcomeCounters();
        using var stop = new CancellationTokenSource();
        var writer = Task.Run(() =>
        {
            for (var i = 0; i < 2_000_000 && !stop.IsCancellationRequested; i++)
            {
                counters.CountOfferedAndSent(8);
                counters.CountAccepted(8);
            }
        }, TestContext.Current.CancellationToken);

        var lowest = 0L;
        while (!writer.IsCompleted)
        {
            lowest = Math.Min(lowest, counters.InFlight);
        }

        await writer;
        Assert.Equal(0, lowest);
        Assert.Equal(0, counters.InFlight);
    }
}
