using ArchLab.Harness.Model.Results;
using ArchLab.Harness.Model.Scenarios.Loading;
using ArchLab.Integration.Tests.Fixtures;

namespace ArchLab.Integration.Tests.Faults;

/// <summary>Network faults through the TCP fault proxy, on the links a scenario names, against real processes.</summary>
[Collection(ArmProcesses.Name)]
public sealed class NetworkFaultRunTests
{
    private static string Scenario(string arms, string fault) => $$"""
        name: network
        title: a network fault for the tests
        claim: c
        watch: w
        seed: 5
        workflow:
          steps:
            inventory: { time: fixed(1ms), workers: 8 }
            payment:   { time: fixed(2ms), workers: 8 }
            notify:    { time: fixed(1ms), workers: 8 }
        arms:
        {{arms}}
        load: { model: open, rate: 50/s, duration: 4s, warmup: 500ms, timeout: 3s, drain: 20s, prime: 5 }
        faults:
          - {{fault}}
        """;

    private static async Task<IReadOnlyList<ArmResult>> RunAsync(TempFolder folder, string yaml)
    {
        return (await folder.RunAsync(ScenarioLoader.Parse(yaml, "network.yaml"))).Arms;
    }

    [Fact]
    public async Task Latency_on_a_REST_link_slows_the_answers_inside_its_window_only()
    {
        using var folder = new TempFolder("net-latency");
        var arms = await RunAsync(folder, Scenario("  rest: { style: rest }", "{ at: 1s, for: 1500ms, link: edge->payment, latency: 100ms }"));

        var rest = Assert.Single(arms);
        var window = Assert.Single(rest.Faults);
        Assert.Equal(("latency", "edge->payment"), (window.Kind, window.Target));
        Assert.True(rest.Accounting!.AddsUp, rest.Accounting.Detail);
        Assert.Equal(0, rest.Counts.Errors);
        // A 4 s run has a 100 ms timeline: the 1.5 s window is fifteen points, not a second or two.
        Assert.Equal(0.1, rest.IntervalSec);
        // REST answers when the chain is done: an answer that came from 1.2 s to the window's end was sent under the
        // toxic (1.0 s to 2.5 s) and waited it out, so every such interval's p99 is at least the 100 ms of latency.
        var inside = rest.Timeline.Where(p => p.T >= 1.2 && p.T < window.EndSec - 0.1 && p.AcceptP99Ms is not null).ToList();
        Assert.True(inside.Count >= 10, $"{inside.Count} intervals inside the window had answers");
        Assert.All(inside, p => Assert.True(p.AcceptP99Ms >= 100, $"p99 at {p.T} s {p.AcceptP99Ms} ms, expected at least the 100 ms of latency"));
        // With the toxic no answer comes under 100 ms; a second after it, none takes that long.
        var after = rest.Timeline.Where(p => p.T >= 3 && p.T < 4 && p.AcceptP99Ms is not null).ToList();
        Assert.NotEmpty(after);
        Assert.All(after, p => Assert.True(p.AcceptP99Ms < 100, $"p99 at {p.T} s {p.AcceptP99Ms} ms, expected the latency gone"));
    }

    [Fact]
    public async Task A_consumer_cut_from_the_broker_loses_nothing_and_a_style_without_that_link_is_told_so()
    {
        using var folder = new TempFolder("net-down");
        // An ack or nak lost with the connection leaves its message to the ack wait: 2 s, so it is redelivered
        // within the drain (the default 30 s would outlast it and show as pending).
        var arms = await RunAsync(folder, Scenario("  rest: { style: rest }\n  jetstream: { style: jetstream, ackWait: 2s }", "{ at: 1s, for: 1500ms, link: payment->broker, down: true }"));

        var rest = arms.Single(a => a.Name == "rest");
        Assert.Empty(rest.Faults);
        Assert.Contains(rest.Notes, n => n.Contains("not applied", StringComparison.Ordinal) && n.Contains("payment", StringComparison.Ordinal));
        Assert.Equal(0, rest.Counts.Errors);

        var jetstream = arms.Single(a => a.Name == "jetstream");
        var window = Assert.Single(jetstream.Faults);
        Assert.Equal(("down", "payment->broker"), (window.Kind, window.Target));
        Assert.True(jetstream.Accounting!.AddsUp, jetstream.Accounting.Detail);
        Assert.Equal(0, jetstream.Counts.Errors);
        Assert.Equal(0, jetstream.Delivery!.Lost);
        Assert.Equal(0, jetstream.Delivery.Pending);
        // The edge kept accepting while payment was cut off: the stream held the backlog.
        Assert.True(jetstream.Recovery.PeakBacklog > 10, $"peak backlog {jetstream.Recovery.PeakBacklog}");
    }
}
