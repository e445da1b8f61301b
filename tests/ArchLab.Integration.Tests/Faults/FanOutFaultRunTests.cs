using ArchLab.Contracts.Ledger;
using ArchLab.Harness.Model.Results;
using ArchLab.Harness.Model.Scenarios.Loading;
using ArchLab.Integration.Tests.Fixtures;

namespace ArchLab.Integration.Tests.Faults;

/// <summary>
/// One of three receivers down for a window: an order counts as complete only when every receiver has it. JetStream
/// keeps the down receiver's copies until it is back; core NATS loses exactly that receiver's copies while the others
/// get theirs; REST fails the caller whose chain reached the dead receiver.
/// </summary>
[Collection(ArmProcesses.Name)]
public sealed class FanOutFaultRunTests
{
    private static string Scenario(string arm) => $$"""
        name: fan-out-fault
        title: one receiver of three down
        claim: c
        watch: w
        seed: 5
        workflow:
          receivers: 3
          steps:
            notify: { time: exp(1ms), workers: 8 }
        arms:
          {{arm}}
        load: { model: open, rate: 60/s, duration: 4s, warmup: 500ms, timeout: 3s, drain: 20s, prime: 5 }
        faults:
          - { at: 1s, for: 1500ms, kill: notify.2 }
        """;

    private static async Task<(ArmResult Arm, string Folder)> RunAsync(TempFolder folder, string arm)
    {
        var results = await folder.RunAsync(ScenarioLoader.Parse(Scenario(arm), "fan-out-fault.yaml"));
        return (Assert.Single(results.Arms), folder.Path);
    }

    [Fact]
    public async Task JetStream_keeps_the_down_receivers_copies_and_completes_every_order_when_it_is_back()
    {
        using var folder = new TempFolder("fanout-js");

        var (arm, _) = await RunAsync(folder, "jetstream: { style: jetstream, ackWait: 1s }");

        Assert.True(arm.Accounting!.AddsUp, arm.Accounting.Detail);
        Assert.Equal(0, arm.Delivery!.Lost);
        Assert.Equal(arm.Counts.Accepted, arm.Counts.Completed);
        Assert.Equal(("kill", "notify.2"), (arm.Faults[0].Kind, arm.Faults[0].Target));
        Assert.True(arm.Recovery.PeakBacklog > 0, "the stream held the down receiver's messages");
    }

    [Fact]
    public async Task Core_NATS_loses_exactly_the_orders_the_down_receiver_missed_while_the_others_have_them_all()
    {
        using var folder = new TempFolder("fanout-core");

        var (arm, path) = await RunAsync(folder, "nats-core: { style: nats-core }");

        Assert.True(arm.Accounting!.AddsUp, arm.Accounting.Detail);
        var missedByTwo = Missed(path, "nats-core", "notify.2");
        Assert.NotEmpty(missedByTwo);
        Assert.Empty(Missed(path, "nats-core", "notify.1"));
        Assert.Empty(Missed(path, "nats-core", "notify.3"));
        // Lost counts accepted orders of the measured window; the missed ones may include warm-up orders.
        Assert.InRange(arm.Delivery!.Lost, 1, missedByTwo.Count);
        Assert.Equal(arm.Counts.Accepted - arm.Delivery.Lost, arm.Counts.Completed);
    }

    [Fact]
    public async Task REST_fails_the_callers_whose_chain_reached_the_down_receiver()
    {
        using var folder = new TempFolder("fanout-rest");

        var (arm, _) = await RunAsync(folder, "rest: { style: rest, timeout: 1s }");

        Assert.True(arm.Accounting!.AddsUp, arm.Accounting.Detail);
        Assert.True(arm.Counts.Errors > 0, "callers saw the dead receiver");
        Assert.Equal(0, arm.Delivery!.Lost);
        Assert.True(arm.Delivery.PartialEffects > 0, "the receivers before the dead one did their part of failed orders");
    }

    /// <summary>Order sequences of the run that reached payment but not the receiver.</summary>
    private static HashSet<long> Missed(string folder, string arm, string receiver)
    {
        var ledgers = Path.Combine(folder, "ledgers", arm);
        var paid = Sequences(Path.Combine(ledgers, "payment.ledger"));
        paid.ExceptWith(Sequences(Path.Combine(ledgers, $"{receiver}.ledger")));
        return paid;
    }

    private static HashSet<long> Sequences(string ledger)
    {
        var records = new LedgerReader(ledger).Read().Where(r => !StepCodes.IsFailedAttempt(r.Step)).ToList();
        // The run's own orders: the nonce most records carry (priming orders carry another).
        var nonce = records.GroupBy(r => r.Id.Nonce).MaxBy(g => g.Count())!.Key;
        return records.Where(r => r.Id.Nonce == nonce).Select(r => r.Id.Seq).ToHashSet();
    }
}
