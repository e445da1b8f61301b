using ArchLab.Harness.Model.Scenarios;
using ArchLab.Harness.Model.Scenarios.Loading;

namespace ArchLab.Unit.Tests.Scenarios;

/// <summary>A broker of several nodes: the arm options that ask for it, and the faults that name its nodes.</summary>
public sealed class BrokerClusterOptionsTests
{
    [Fact]
    public void An_arm_asks_for_nodes_and_a_jetstream_arm_for_replicas_one_each_by_default()
    {
        var scenario = Parse("""
            arms:
              r1: { style: jetstream, nodes: 3 }
              r3: { style: jetstream, nodes: 3, replicas: 3 }
              core: { style: nats-core, nodes: 3 }
              one: { style: jetstream }
            faults:
              - { at: 1s, for: 2s, kill: broker.leader }
              - { at: 4s, for: 2s, pause: broker.2 }
              - { at: 7s, for: 1s, partition: broker.leader }
              - { at: 8s, for: 1s, partition: broker.3 }
            """);

        Assert.Equal([(3, 1), (3, 3), (3, 1), (1, 1)], scenario.Arms.Select(a => (a.Nodes, a.JetStream?.Replicas ?? 1)));
        Assert.Equal(
            [("kill", "broker.leader"), ("pause", "broker.2"), ("partition", "broker.leader"), ("partition", "broker.3")],
            scenario.Faults.Select(f => (f.Kind, f.Target)));
    }

    [Theory]
    [InlineData("arms: { a: { style: jetstream, nodes: 3, replicas: 5 } }", "arms.a.replicas: expected at most 3 replicas, one per broker node (nodes: 3), got 5")]
    [InlineData("arms: { a: { style: jetstream, replicas: 3 } }", "arms.a.replicas: expected at most 1 replica, one per broker node (nodes: 1), got 3")]
    [InlineData("arms: { a: { style: jetstream, nodes: 7 } }", "arms.a.nodes: expected at most 5 broker nodes on one machine, got 7")]
    [InlineData("arms: { a: { style: rest, nodes: 3 } }", "arms.a.nodes: 'nodes' is only for styles jetstream, nats-core and nats-request; this arm's style is rest")]
    [InlineData("arms: { a: { style: jetstream, nodes: 3 } }\nfaults: [ { at: 1s, partition: edge } ]", "faults[0].partition: expected a broker node: broker.leader (the stream's leader when the fault starts) or broker.1 .. broker.5, got 'edge'")]
    [InlineData("arms: { a: { style: jetstream, nodes: 3 } }\nfaults: [ { at: 1s, kill: broker.x } ]", "faults[0].kill: expected a broker node: broker.leader (the stream's leader when the fault starts) or broker.1 .. broker.5, got 'broker.x'")]
    public void A_malformed_cluster_option_or_node_is_refused_with_its_path(string yaml, string expected)
    {
        var errors = Assert.Throws<ScenarioException>(() => Parse(yaml)).Errors;

        Assert.Contains(expected, errors.Select(e => $"{e.Path}: {e.Message}"));
    }

    [Theory]
    [InlineData("broker.1", 0)]
    [InlineData("broker.5", 4)]
    [InlineData("broker.0", null)]
    [InlineData("broker.01", null)]
    [InlineData("broker.leader", null)]
    [InlineData("broker", null)]
    public void A_node_is_named_broker_dot_its_number_from_one(string name, int? index)
    {
        Assert.Equal(index, BrokerNodes.IndexOf(name));
        Assert.Equal(index is not null || name == BrokerNodes.Leader, BrokerNodes.IsNode(name));
    }

    private static Scenario Parse(string body) =>
        ScenarioLoader.Parse($"name: cluster\ntitle: T\nclaim: C\nwatch: W\nload: {{ duration: 10s }}\n{body}\n", "cluster.yaml");
}
