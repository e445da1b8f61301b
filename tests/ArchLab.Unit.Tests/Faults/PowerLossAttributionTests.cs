using ArchLab.Harness.Model.Results;

namespace ArchLab.Unit.Tests.Faults;

/// <summary>Which power loss took which lost order: the first power-loss window that ended after the order was acknowledged.</summary>
public sealed class PowerLossAttributionTests
{
    private static FaultWindow PowerLoss(double start) => new("power-loss", "broker.leader", start, start + 1) { PowerLoss = new PowerLossFigures(1, 1, 0, 0, []) };

    [Fact]
    public void Each_lost_order_belongs_to_the_next_power_loss_after_it_was_acknowledged_with_the_window_it_was_acknowledged_in()
    {
        IReadOnlyList<FaultWindow> windows = [new FaultWindow("kill", "payment", 0.5, 6), PowerLoss(3), PowerLoss(8)];

        var attributed = PowerLossFigures.WithLostOrders(windows, [1.0, 2.5, 2.9, 6.5, 7.9, 9.0]);

        Assert.Null(attributed[0].PowerLoss);
        Assert.Equal((3L, -2.0, -0.1), (attributed[1].PowerLoss!.LostOrders!.Value, attributed[1].PowerLoss!.LostAckedFromSec!.Value, attributed[1].PowerLoss!.LostAckedToSec!.Value));
        // 9.0 was acknowledged while the second window was open (its node dying as the answer left): it is that one's.
        Assert.Equal((3L, -1.5, 1.0), (attributed[2].PowerLoss!.LostOrders!.Value, attributed[2].PowerLoss!.LostAckedFromSec!.Value, attributed[2].PowerLoss!.LostAckedToSec!.Value));
    }

    [Fact]
    public void A_power_loss_that_took_nothing_says_zero_and_without_a_ledger_nothing_is_said()
    {
        var none = PowerLossFigures.WithLostOrders([PowerLoss(3)], []);
        var unknown = PowerLossFigures.WithLostOrders([PowerLoss(3)], null);

        Assert.Equal(0, none[0].PowerLoss!.LostOrders);
        Assert.Null(none[0].PowerLoss!.LostAckedFromSec);
        Assert.Null(unknown[0].PowerLoss!.LostOrders);
    }

    [Fact]
    public void The_timeline_counts_each_lost_order_in_the_interval_it_was_acknowledged_in()
    {
        IReadOnlyList<TimelinePoint> timeline = [.. Enumerable.Range(0, 4).Select(i => new TimelinePoint(i * 0.5, 10, 10, 10, 0, null, null))];

        var withLost = TimelinePoint.WithLost(timeline, 0.5, [0.1, 0.6, 0.99, 1.0, 1.49]);

        Assert.Equal([1L, 2, 2, 0], withLost.Select(p => p.LostAcked!.Value));
        Assert.Same(timeline, TimelinePoint.WithLost(timeline, 0.5, []));
    }
}
