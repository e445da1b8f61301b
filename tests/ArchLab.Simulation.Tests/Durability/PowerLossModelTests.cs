using System.Diagnostics;
using ArchLab.Contracts.Ledger;
using ArchLab.Contracts.Messages;
using ArchLab.Harness.Model.Results;
using ArchLab.Harness.Model.Scenarios.Loading;
using ArchLab.Simulation.Calibration;

namespace ArchLab.Simulation.Tests.Durability;

/// <summary>
/// A broker's power loss, simulated as the lazy filesystem measured it under nats-server 2.9: one copy loses what it
/// stored within the write-back age and had not delivered, its consumers forget their acknowledgements of that age
/// (delivered again: duplicates), nobody counts the stream while its node is down, and a cluster makes a stream whose
/// files all went again, empty, unless every node lost them.
/// </summary>
public sealed class PowerLossModelTests
{
    private static string Yaml(string node, string writeback) => $$"""
        name: durability
        title: power loss
        claim: c
        watch: w
        seed: 7
        workflow:
          steps:
            inventory: { time: exp(1ms), workers: 8 }
            payment:   { time: fixed(13ms), workers: 1 }
            notify:    { time: exp(1ms), workers: 8 }
        arms:
          r1: { style: jetstream, nodes: 3, replicas: 1, ackWait: 2s, writeback: {{writeback}} }
        load: { model: open, arrival: poisson, rate: 100/s, duration: 4s, warmup: 500ms, drain: 20s }
        faults:
          - { at: 1500ms, for: 1s, power-loss: {{node}} }
        """;

    private static ArmResult Run(string node, string writeback) =>
        ScenarioSimulator.Run(ScenarioLoader.Parse(Yaml(node, writeback), "durability.yaml"), new SimulationOptions { RestartSeconds = 0.3 })
            .Results.Arms.Single();

    [Fact]
    public void One_copy_loses_what_it_had_not_delivered_of_the_write_back_age_and_runs_again_what_its_consumers_forgot()
    {
        var r1 = Run("broker.leader", writeback: "500ms");

        var window = r1.Faults.Single();
        Assert.True(r1.Delivery!.Lost > 0);
        Assert.Equal(r1.Delivery.Lost, window.PowerLoss!.LostOrders);
        Assert.InRange(window.PowerLoss.LostAckedFromSec!.Value, -0.5, 0);
        // Acknowledged within the age, stored before it: the consumer's state went back, the message comes again.
        // Payment takes about 35 orders' acknowledgements in the age, where an outage's redeliveries alone run a few again.
        Assert.True(r1.Delivery.Duplicated >= 15, $"duplicated {r1.Delivery.Duplicated}");
        // While the node that holds the only copy is down, no node counts the stream.
        Assert.All(r1.Timeline.Where(p => p.T > window.StartSec + 0.1 && p.T + r1.IntervalSec < window.EndSec), p => Assert.Null(p.Backlog));
        Assert.True(r1.Accounting!.AddsUp, r1.Accounting.Detail);
    }

    [Fact]
    public void A_stream_whose_files_all_went_is_made_again_by_a_cluster_unless_every_node_lost_them()
    {
        var leader = Run("broker.leader", writeback: "0s");
        var all = Run("broker.all", writeback: "0s");

        var end = leader.Faults.Single().EndSec!.Value;
        Assert.True(leader.Timeline.Where(p => p.T > end + 0.5).Sum(p => p.Accepted) > 0);
        Assert.Equal(0, all.Timeline.Where(p => p.T > end + 0.5).Sum(p => p.Accepted));
        Assert.Equal(1, leader.Faults.Single().PowerLoss!.NamesDropped);
    }

    [Fact]
    public void An_outage_whose_publishing_did_not_resume_in_the_load_is_calibrated_from_when_each_step_worked_again()
    {
        // Measured: the fault at 1 s, the load's last interval at 2.9 s; inventory works on through it (its consumer's
        // leader kept power), payment is silent from 1 s to 4 s.
        static long At(double seconds) => (long)(seconds * Stopwatch.Frequency);
        var arm = new ArmResult
        {
            Name = "r3",
            Style = "jetstream",
            MeasureStartTicks = 0,
            Counts = new ArmCounts(300, 300, 100, 50, 200, 0),
            ErrorsByKind = new Dictionary<string, long>(),
            Throughput = new ArmThroughput(100, 33, 16),
            LatencyMs = new ArmLatencies(null, null, null, null),
            Delivery = null,
            Accounting = null,
            IntervalSec = 0.1,
            Timeline = [.. Enumerable.Range(0, 60).Select(i => new TimelinePoint(i / 10.0, i < 30 ? 10 : 0, 0, 0, 0, i is >= 10 and < 25 ? null : 5, null))],
            Faults = [new FaultWindow("power-loss", "broker.leader", 1, 2)],
        };
        var records = new Dictionary<string, List<LedgerRecord>>
        {
            ["inventory"] = [.. Enumerable.Range(0, 40).Select(i => new LedgerRecord(new OrderId(1, i), StepCodes.Inventory, 1, At(1 + (i * 0.05)), 10))],
            ["payment"] = [new(new OrderId(1, 0), StepCodes.Payment, 1, At(0.9), 11), new(new OrderId(1, 1), StepCodes.Payment, 1, At(4), 11), new(new OrderId(1, 2), StepCodes.Payment, 1, At(4.01), 11)],
        };

        var outage = Assert.Single(BrokerOutage.Of(arm, records, ["inventory", "payment"]));

        Assert.Equal(2.0, outage.PublishResumeSec, 3); // the load's end, 3 s, and the stream counted again at 2.5 s
        Assert.Equal(0, outage.ConsumerResumeSec["inventory"], 3);
        Assert.Equal(3, outage.ConsumerResumeSec["payment"], 3);
        Assert.True(outage.Refused);
    }
}
