using ArchLab.Harness.Model.Results;
using ArchLab.Harness.Model.Scenarios.Loading;
using ArchLab.Integration.Tests.Fixtures;
using ArchLab.LazyFs;

namespace ArchLab.Integration.Tests.Durability;

/// <summary>
/// A run with a power-loss fault on a JetStream arm whose consumer lags: the broker's store is on the lazy filesystem,
/// the broker made no fsync, and the orders it acknowledged in the last write-back age and had not delivered are gone;
/// the books still add up, the fault's window says what the filesystem took back, and no mount is left.
/// </summary>
[Collection(ArmProcesses.Name)]
public sealed class PowerLossRunTests
{
    public PowerLossRunTests()
    {
        Assert.SkipWhen(LazyMount.Unavailable() is not null, $"no FUSE here: {LazyMount.Unavailable()}");
    }

    private static string Scenario(string fault, string arm = "") => $$"""
        name: power-loss
        title: the broker's power goes while payment lags
        claim: c
        watch: w
        seed: 5
        workflow:
          steps:
            payment: { time: fixed(20ms), workers: 1 }
        arms:
          jetstream: { style: jetstream, ackWait: 2s, writeback: 1s }
        load: { model: open, rate: 100/s, duration: 4s, warmup: 500ms, timeout: 3s, drain: 30s, prime: 5 }
        faults:
          - { at: 2s, for: 1s, {{fault}}: broker }
        """;

    [Fact]
    public async Task Acknowledged_orders_newer_than_the_write_back_and_not_yet_delivered_are_lost_and_a_kill_loses_none()
    {
        using var folder = new TempFolder("power-loss");
        var results = await folder.RunAsync(ScenarioLoader.Parse(Scenario("power-loss"), "power-loss.yaml"));
        var arm = Assert.Single(results.Arms);

        Assert.True(arm.Accounting!.AddsUp, arm.Accounting.Detail);
        // Payment carries 50/s of the 100/s offered: at 2 s about 100 orders wait in the stream, those of the last
        // second not written back yet.
        Assert.InRange(arm.Delivery!.Lost, 1, 150);
        var window = Assert.Single(arm.Faults);
        Assert.Equal(("power-loss", "broker"), (window.Kind, window.Target));
        Assert.NotNull(window.PowerLoss);
        Assert.True(window.PowerLoss.BytesDropped > 0);
        Assert.Equal(0, window.PowerLoss.FsyncsBefore);
        Assert.Contains(window.PowerLoss.Files, f => f.EndsWith("ORDERS/msgs/1.blk", StringComparison.Ordinal));
        // Every lost order is this power loss's, acknowledged within its write-back age (1 s) before it.
        Assert.Equal(arm.Delivery.Lost, window.PowerLoss.LostOrders);
        Assert.InRange(window.PowerLoss.LostAckedFromSec!.Value, -1.5, 0);
        // An answer on its way when the broker died reaches the caller just after the window began.
        Assert.InRange(window.PowerLoss.LostAckedToSec!.Value, window.PowerLoss.LostAckedFromSec.Value, 0.1);
        // The broker's own count agrees: its stream's last sequence went back by at least the orders lost (the stream
        // holds each order and the events of its steps), read before the fault and once the broker was back, before
        // the edge had reconnected and published again.
        Assert.NotNull(window.PowerLoss.StreamBefore);
        Assert.NotNull(window.PowerLoss.StreamAfter);
        Assert.Equal(window.PowerLoss.StreamBefore.LastSeq - window.PowerLoss.StreamAfter.LastSeq, window.PowerLoss.SequencesTakenBack);
        Assert.InRange(window.PowerLoss.SequencesTakenBack!.Value, arm.Delivery.Lost, window.PowerLoss.StreamBefore.LastSeq);
        Assert.Contains(arm.Notes, n => n.Contains("by the broker's own count its stream's last sequence went back", StringComparison.Ordinal));
        Assert.DoesNotContain(File.ReadLines("/proc/mounts"), line => line.Contains(folder.Path, StringComparison.Ordinal));

        using var killFolder = new TempFolder("power-loss-kill");
        var killed = Assert.Single((await killFolder.RunAsync(ScenarioLoader.Parse(Scenario("kill"), "power-loss.yaml"))).Arms);
        Assert.True(killed.Accounting!.AddsUp, killed.Accounting.Detail);
        Assert.Equal(0, killed.Delivery!.Lost);
        Assert.Null(Assert.Single(killed.Faults).PowerLoss); // a plain kill of the same broker: nothing to take back
    }
}
