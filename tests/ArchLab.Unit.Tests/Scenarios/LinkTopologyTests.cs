using ArchLab.Harness.Faults;
using ArchLab.Harness.Links;
using ArchLab.Harness.Model.Scenarios;
using ArchLab.Harness.Model.Scenarios.Loading;
using ArchLab.Proxy.Toxics;

namespace ArchLab.Unit.Tests.Scenarios;

public sealed class LinkTopologyTests
{
    [Theory]
    [InlineData("rest", "caller->edge", "caller", "edge")]
    [InlineData("grpc", "edge->payment", "edge", "payment")]
    [InlineData("rest", "payment->edge", "edge", "payment")]
    [InlineData("jetstream", "payment->broker", "payment", "broker")]
    [InlineData("nats-core", "broker->notify", "notify", "broker")]
    [InlineData("jetstream", "caller->edge", "caller", "edge")]
    [InlineData("nats-request", "inventory->broker", "inventory", "broker")]
    [InlineData("nats-request", "broker->edge", "edge", "broker")]
    [InlineData("inproc", "caller->edge", "caller", "edge")]
    public void A_link_is_the_connection_between_its_ends_whichever_dials(string style, string link, string dialer, string listener)
    {
        Assert.Equal((dialer, listener), LinkTopology.Connection(style, link, out _));
    }

    [Theory]
    [InlineData("jetstream", "edge->payment")]
    [InlineData("rest", "payment->broker")]
    [InlineData("grpc", "inventory->payment")]
    [InlineData("nats-core", "inventory->payment")]
    [InlineData("nats-request", "edge->inventory")]
    [InlineData("inproc", "edge->payment")]
    [InlineData("inproc", "payment->broker")]
    public void A_link_the_style_does_not_have_says_why(string style, string link)
    {
        Assert.Null(LinkTopology.Connection(style, link, out var why));
        Assert.Contains(style, why, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_network_fault_of_a_scenario_becomes_the_proxy_toxic_with_its_attributes()
    {
        var scenario = ScenarioLoader.Parse("""
            name: t
            title: t
            claim: c
            watch: w
            workflow: { steps: { payment: { time: fixed(1ms) } } }
            arms: { rest: { style: rest } }
            load: { rate: 10/s, duration: 10s }
            faults:
              - { at: 1s, for: 1s, link: edge->payment, latency: 100ms, jitter: 10ms, toxicity: 50% }
              - { at: 1s, for: 1s, link: caller->edge, bandwidth: 64KB/s, direction: upstream }
              - { at: 1s, for: 1s, link: edge->inventory, timeout: 0s }
              - { at: 3s, for: 1s, link: edge->inventory, reset_peer: 20ms }
              - { at: 1s, for: 1s, link: edge->notify, slicer: 64B, delay: 2ms }
              - { at: 3s, for: 1s, link: edge->notify, limit_data: 1KB }
            """, "t.yaml");

        var toxics = scenario.Faults.OfType<NetworkFault>().Select((f, i) => NetworkFaultAction.ToxicOf(f, $"fault{i + 1}")).ToList();

        Assert.Equal(new LatencyToxic { Name = "fault1", Latency = TimeSpan.FromMilliseconds(100), Jitter = TimeSpan.FromMilliseconds(10), Toxicity = 0.5 }, toxics[0]);
        var bandwidth = Assert.IsType<BandwidthToxic>(toxics[1]);
        Assert.Equal(ToxicStream.Upstream, bandwidth.Stream);
        Assert.True(bandwidth.RateKBps is 64 or 65, $"64 KB/s as KB/s: {bandwidth.RateKBps}");
        Assert.Equal(TimeSpan.Zero, Assert.IsType<TimeoutToxic>(toxics[2]).Timeout);
        Assert.Equal(TimeSpan.FromMilliseconds(20), Assert.IsType<ResetPeerToxic>(toxics[3]).Timeout);
        var slicer = Assert.IsType<SlicerToxic>(toxics[4]);
        Assert.Equal((64, TimeSpan.FromMilliseconds(2)), (slicer.AverageSize, slicer.Delay));
        Assert.Equal(1000, Assert.IsType<LimitDataToxic>(toxics[5]).Bytes);
        Assert.All(toxics.Where(t => t != toxics[1]), t => Assert.Equal(ToxicStream.Downstream, t.Stream));
    }
}
