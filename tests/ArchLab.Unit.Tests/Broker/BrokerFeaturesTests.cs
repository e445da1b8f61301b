using ArchLab.Harness.Broker;
using ArchLab.Harness.Model.Scenarios.Loading;

namespace ArchLab.Unit.Tests.Broker;

/// <summary>
/// An arm that asks the broker for its own sync policy (syncInterval, nats-server's sync_interval from 2.10): read as
/// always or a duration, refused with the reason on an older server or one the harness did not start, and written into
/// the server's configuration where it runs.
/// </summary>
public sealed class BrokerFeaturesTests
{
    private static Harness.Model.Scenarios.ArmSpec Arm(string options) => ScenarioLoader.Parse($$"""
        name: s
        title: t
        claim: c
        watch: w
        arms:
          r1: { style: jetstream{{options}} }
        load: { model: open, rate: 10/s, duration: 1s }
        """, "s.yaml").RunArms().Single();

    [Theory]
    [InlineData(", syncInterval: always", 0.0)]
    [InlineData(", syncInterval: 1s", 1.0)]
    [InlineData("", null)]
    public void The_sync_policy_is_always_or_an_interval(string options, double? seconds)
    {
        Assert.Equal(seconds is null ? null : TimeSpan.FromSeconds(seconds.Value), Arm(options).JetStream!.SyncInterval);
    }

    [Theory]
    [InlineData("never")]
    [InlineData("0s")]
    public void Anything_else_is_refused_with_what_was_expected(string value)
    {
        var e = Assert.Throws<ScenarioException>(() => Arm($", syncInterval: {value}"));

        Assert.Contains($"arms.r1.syncInterval: expected always or a duration > 0 (nats-server's sync_interval), got '{value}'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_server_before_2_10_or_one_not_started_here_cannot_take_it_and_says_why()
    {
        var arm = Arm(", syncInterval: always");

        Assert.Contains("from 2.10 on; this machine's nats-server is 2.9.10", BrokerFeatures.WhyNot(arm, "2.9.10", external: false), StringComparison.Ordinal);
        Assert.Null(BrokerFeatures.WhyNot(arm, "2.10.4", external: false));
        Assert.Contains("--nats-url", BrokerFeatures.WhyNot(arm, "2.10.4", external: true), StringComparison.Ordinal);
        Assert.Null(BrokerFeatures.WhyNot(Arm(""), "2.9.10", external: false));
    }

    [Fact]
    public void The_policy_goes_into_the_server_s_configuration_beside_a_websocket_listener()
    {
        Assert.Null(LocalNatsServer.ConfigText(null, null));
        Assert.Equal("jetstream {\n  sync_interval: always\n}\n", LocalNatsServer.ConfigText(null, TimeSpan.Zero));
        Assert.Equal(
            "websocket {\n  listen: \"127.0.0.1:8443\"\n  no_tls: true\n}\njetstream {\n  sync_interval: \"1500ms\"\n}\n",
            LocalNatsServer.ConfigText("8443", TimeSpan.FromMilliseconds(1500)));
    }
}
