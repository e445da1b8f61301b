using System.Diagnostics;
using ArchLab.Contracts.Messages;
using ArchLab.Harness.Devices;
using ArchLab.Harness.Model.Scenarios;

namespace ArchLab.Unit.Tests.Devices;

/// <summary>How the notify step's effects and the pages' reports become an arm's device figures.</summary>
public sealed class DeviceFiguresTests
{
    private const uint Nonce = 0x1a2b3c4d;
    private static readonly long Ms = Stopwatch.Frequency / 1000;

    [Fact]
    public void The_delay_runs_from_each_effect_to_its_first_showing_and_what_was_never_shown_is_missed()
    {
        // The ledger says orders 1..4 were done at 1000, 2000, 3000 and 4000 ms; with an offset of 10 000 ms the wall clock
        // read 11 000 .. 14 000 then.
        var effects = Enumerable.Range(1, 4).ToDictionary(i => new OrderId(Nonce, i), i => i * 1000 * Ms);
        var page0 = Page(0, [(1, 11_005), (3, 13_250), (3, 13_300)], requests: [10_500, 11_500, 12_500, 30_000], events: ["disconnect", "reconnect"]);
        var page1 = Page(1, [(2, 12_040), (99, 12_050)], requests: [], events: []);

        var figures = DeviceFigures.Of(new DevicesSpec(DeviceChannel.Nats, 2), [page0, page1], effects, (10 * Ms, 20_000 * Ms), 10_000);

        Assert.Equal(("nats", 2, (double?)null), (figures.Via, figures.Pages, figures.EveryMs));
        // Order 4 was never shown; order 3 twice; order 99 is not an update of the measured window.
        Assert.Equal((4L, 3L, 1L, 1L), (figures.Updates, figures.Shown, figures.Missed, figures.Duplicates));
        // Delays 5, 40 and 250 ms (order 3 counts from its first showing).
        Assert.Equal(3, figures.DelayMs!.Count);
        Assert.InRange(figures.DelayMs.P50, 39.5, 40.5);
        Assert.InRange(figures.DelayMs.Max, 249, 251);
        // The window is 10 010 .. 30 000 ms on the wall clock, both ends in.
        Assert.Equal((4L, 1.3333, 1L), (figures.Requests, figures.RequestsPerUpdate, figures.Disconnects));
    }

    [Fact]
    public void Requests_outside_the_measured_window_are_not_counted_and_failed_polls_are_disconnects()
    {
        var effects = new Dictionary<OrderId, long> { [new OrderId(Nonce, 1)] = 1000 * Ms };
        var page = Page(0, [(1, 1_400)], requests: [100, 900, 1_100, 1_600, 5_000], events: ["poll failed: TypeError", "polling"]);

        var figures = DeviceFigures.Of(new DevicesSpec(DeviceChannel.Poll, 1) { Every = TimeSpan.FromMilliseconds(500) }, [page], effects, (500 * Ms, 2_000 * Ms), 0);

        Assert.Equal((500.0, 3L, 3.0, 1L), (figures.EveryMs!.Value, figures.Requests, figures.RequestsPerUpdate!.Value, figures.Disconnects));
        Assert.InRange(figures.DelayMs!.P50, 399, 401);
    }

    [Fact]
    public void Nothing_shown_leaves_the_delay_and_the_ratio_null()
    {
        var effects = new Dictionary<OrderId, long> { [new OrderId(Nonce, 1)] = Ms };

        var figures = DeviceFigures.Of(new DevicesSpec(DeviceChannel.JetStream, 1), [Page(0, [], [], [])], effects, (0, 10 * Ms), 0);

        Assert.Equal((1L, 0L, 1L), (figures.Updates, figures.Shown, figures.Missed));
        Assert.Null(figures.DelayMs);
        Assert.Null(figures.RequestsPerUpdate);
        Assert.False(DeviceFigures.AllShown([Page(0, [], [], [])], effects.Keys));
        Assert.True(DeviceFigures.AllShown([Page(0, [(1, 5)], [], [])], effects.Keys));
    }

    [Fact]
    public void The_epoch_offset_puts_a_stopwatch_timestamp_on_the_wall_clock()
    {
        var offset = DeviceFigures.EpochOffsetMs();
        var now = Stopwatch.GetTimestamp() * 1000.0 / Stopwatch.Frequency + offset;

        Assert.InRange(now - (DateTime.UtcNow - DateTime.UnixEpoch).TotalMilliseconds, -50, 50);
    }

    private static PageLog Page(int page, (long Seq, double At)[] shown, double[] requests, string[] events)
    {
        var log = new PageLog { Page = page };
        log.Add(shown.Select(s => new ShownUpdate(new OrderId(Nonce, s.Seq).ToString(), s.At)), requests, events.Select((e, i) => (e, 1_000.0 + i)));
        return log;
    }
}
