using ArchLab.Harness.Model.Scenarios;
using ArchLab.Harness.Model.Scenarios.Loading;

namespace ArchLab.Unit.Tests.Scenarios;

/// <summary>The power-loss fault and the write-back age of a jetstream arm, as a scenario writes them.</summary>
public sealed class PowerLossOptionsTests
{
    [Fact]
    public void A_power_loss_names_the_broker_a_node_or_every_node_and_an_arm_its_write_back_age()
    {
        var scenario = Parse("""
            arms:
              linux: { style: jetstream, nodes: 3, replicas: 3 }
              worst: { style: jetstream, nodes: 3, replicas: 3, writeback: 0s }
              kill:  { style: jetstream, nodes: 3, replicas: 3, powerLoss: kill }
            faults:
              - { at: 1s, for: 2s, power-loss: broker.leader }
              - { at: 4s, for: 2s, power-loss: broker.all }
              - { at: 7s, for: 1s, power-loss: broker.2 }
            """);

        Assert.Equal([TimeSpan.FromSeconds(30), TimeSpan.Zero, TimeSpan.FromSeconds(30)], scenario.Arms.Select(a => a.JetStream!.Writeback));
        Assert.Equal([false, false, true], scenario.Arms.Select(a => a.JetStream!.PowerLossKeepsCache));
        Assert.Equal(
            [("power-loss", "broker.leader"), ("power-loss", "broker.all"), ("power-loss", "broker.2")],
            scenario.Faults.Select(f => (f.Kind, f.Target)));
        Assert.All(scenario.Faults, f => Assert.IsType<PowerLossFault>(f));
    }

    [Theory]
    [InlineData("faults: [ { at: 1s, for: 1s, power-loss: payment } ]",
        "faults[0].power-loss: expected the broker: broker, broker.1 .. broker.5, broker.leader or broker.all (every node at once), got 'payment'")]
    [InlineData("faults: [ { at: 1s, for: 1s, power-loss: broker, restart: false } ]",
        "faults[0].restart: 'restart' does not apply to a power-loss fault; its fields are: at, for, power-loss")]
    [InlineData("arms: { a: { style: jetstream, powerLoss: crash } }", "arms.a.powerLoss: expected one of lose, kill, got 'crash'")]
    [InlineData("arms: { a: { style: jetstream, writeback: soon } }", "arms.a.writeback: expected a duration with a unit (us, ms, s, m, h), got 'soon'")]
    public void A_malformed_power_loss_or_write_back_is_refused_with_its_path(string yaml, string expected)
    {
        var errors = Assert.Throws<ScenarioException>(() => Parse(yaml)).Errors;

        Assert.Contains(expected, errors.Select(e => $"{e.Path}: {e.Message}"));
    }

    private static Scenario Parse(string body) =>
        ScenarioLoader.Parse($"name: power\ntitle: T\nclaim: C\nwatch: W\nload: {{ duration: 10s }}\n{(body.StartsWith("arms", StringComparison.Ordinal) ? "" : "arms: { a: { style: jetstream } }\n")}{body}\n", "power.yaml");
}
