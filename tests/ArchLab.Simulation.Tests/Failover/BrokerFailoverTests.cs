using ArchLab.Harness.Model.Results;
using ArchLab.Harness.Model.Scenarios.Loading;
using ArchLab.Simulation.Calibration;

namespace ArchLab.Simulation.Tests.Failover;

/// <summary>
/// A replicated stream's failover, simulated. Refused orders are the arrivals of the outage (a Poisson count: rate x
/// outage, within four standard deviations); R3's election lies within nats-server 2.9's election timeouts; a cut-off
/// R3 leader's held publishes are answered at the heal, so the accept latency's p99 is that of the held share.
/// </summary>
public sealed class BrokerFailoverTests
{
    private const double Rate = 200;

    private static string Yaml(string fault) => $$"""
        name: failover
        title: failover
        claim: a replicated stream survives its leader
        watch: errors
        seed: 5
        workflow:
          steps:
            inventory: { time: exp(1ms), workers: 8 }
            payment:   { time: exp(1ms), workers: 8 }
            notify:    { time: exp(1ms), workers: 8 }
        arms:
          r1: { style: jetstream, nodes: 3, replicas: 1 }
          r3: { style: jetstream, nodes: 3, replicas: 3 }
        load: { model: open, arrival: poisson, rate: {{Rate}}/s, duration: 20s, warmup: 1s }
        faults:
          - {{fault}}
        """;

    private static ArmResult Arm(string fault, string name, SimulationOptions? options = null) =>
        ScenarioSimulator.Run(ScenarioLoader.Parse(Yaml(fault), "failover.yaml"), options ?? new SimulationOptions { RestartSeconds = 0.5 })
            .Results.Arms.Single(a => a.Name == name);

    [Fact]
    public void One_copy_refuses_publishes_until_its_node_is_back()
    {
        var r1 = Arm("{ at: 5s, for: 4s, kill: broker.leader }", "r1");

        AssertCount(r1.Counts.Errors, Rate * 4.5); // the window and the node's restart
        Assert.Equal(r1.Counts.Errors, r1.ErrorsByKind["status_504"]);
        Assert.Equal(0, r1.Delivery!.Lost); // the stream's file outlives its process
        Assert.InRange(r1.Faults.Single().AcceptResumeSec!.Value, 4.4, 4.7);
    }

    [Fact]
    public void Three_copies_refuse_publishes_for_an_election()
    {
        var r3 = Arm("{ at: 5s, for: 12s, kill: broker.leader }", "r3");

        var outage = r3.Counts.Errors / Rate;
        Assert.InRange(outage, 4 * 0.85, 9 * 1.15);
        Assert.InRange(r3.Faults.Single().AcceptResumeSec!.Value, 3.9, 9.1);
        Assert.Equal(0, r3.Delivery!.Lost);
    }

    [Fact]
    public void A_cut_off_leader_of_three_copies_holds_the_publishes_of_an_edge_connected_to_it_until_the_heal()
    {
        const string partition = "{ at: 5s, for: 3s, partition: broker.leader }";
        var held = new BrokerOutage("partition", 5, 3, new Dictionary<string, double>(), Refused: false);
        var r3 = Arm(partition, "r3", Calibrated("r3", held));

        Assert.Equal(0, r3.Counts.Errors);
        // 3 s of 20 held (15%), each answered at the heal: the p99 is the held orders' 1 - 0.01/0.15 quantile of 3 s.
        Assert.InRange(r3.LatencyMs.Accept!.P99, 0.85 * 2800, 3100);
    }

    [Fact]
    public void A_partition_cuts_off_the_edges_node_one_time_in_three()
    {
        // The edge's connection goes to one of the three nodes at random: on the cut-off one, R3 holds; elsewhere it refuses.
        var held = Enumerable.Range(1, 60).Count(seed => ScenarioSimulator.Run(
            ScenarioLoader.Parse(Yaml("{ at: 5s, for: 3s, partition: broker.leader }").Replace("seed: 5", $"seed: {seed}"), "failover.yaml"),
            new SimulationOptions()).Results.Arms.Single(a => a.Name == "r3").Counts.Errors == 0);

        // Binomial(60, 1/3): mean 20, standard deviation 3.65.
        Assert.InRange(held, 20 - 15, 20 + 15);
    }

    [Fact]
    public void A_calibrated_outage_takes_the_measured_times()
    {
        var measured = new BrokerOutage("kill", 5, 2, new Dictionary<string, double> { ["inventory"] = 6, ["payment"] = 6, ["notify"] = 6 });
        var r3 = Arm("{ at: 5s, for: 12s, kill: broker.leader }", "r3", Calibrated("r3", measured));

        AssertCount(r3.Counts.Errors, Rate * 2);
        var window = r3.Faults.Single();
        Assert.InRange(window.AcceptResumeSec!.Value, 1.9, 2.2);
        Assert.InRange(window.CompleteResumeSec!.Value, 5.9, 6.3);
    }

    private static SimulationOptions Calibrated(string arm, BrokerOutage outage) => new()
    {
        Calibration = new Dictionary<string, ArmCalibration>
        {
            [arm] = new(arm, new Dictionary<string, Queueing.ServiceSampler>(), new Dictionary<string, int>(), null) { BrokerOutages = [outage] },
        },
    };

    private static void AssertCount(long actual, double expected) =>
        Assert.InRange(actual, expected - (4 * Math.Sqrt(expected)), expected + (4 * Math.Sqrt(expected)));
}
