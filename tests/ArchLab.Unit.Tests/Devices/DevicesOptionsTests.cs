using ArchLab.Contracts.Workflow;
using ArchLab.Harness.Links;
using ArchLab.Harness.Model.Scenarios;
using ArchLab.Harness.Model.Scenarios.Loading;
using ArchLab.Harness.Orchestration;

namespace ArchLab.Unit.Tests.Devices;

/// <summary>An arm's <c>devices</c>: how it is read, refused, routed and handed to the roles.</summary>
public sealed class DevicesOptionsTests
{
    [Fact]
    public void Devices_are_read_with_their_defaults_and_only_a_polling_page_has_an_interval()
    {
        var scenario = Parse("""
              poll: { style: rest, devices: { via: poll, pages: 8, every: 250ms } }
              push: { style: nats-core, devices: { via: nats } }
              follow: { style: jetstream, devices: { via: jetstream, pages: 2 } }
              none: { style: grpc }
            """);

        Assert.Equal(new DevicesSpec(DeviceChannel.Poll, 8) { Every = TimeSpan.FromMilliseconds(250) }, scenario.Arms[0].Devices);
        Assert.Equal(new DevicesSpec(DeviceChannel.Nats, DevicesSpec.DefaultPages), scenario.Arms[1].Devices);
        Assert.Equal((DeviceChannel.JetStream, 2, true), (scenario.Arms[2].Devices!.Via, scenario.Arms[2].Devices!.Pages, scenario.Arms[2].Devices!.Pushed));
        Assert.Null(scenario.Arms[3].Devices);
    }

    [Theory]
    [InlineData("  a: { style: rest, devices: { pages: 2 } }", "arms.a.devices.via: missing required field 'via'")]
    [InlineData("  a: { style: rest, devices: { via: websocket } }", "arms.a.devices.via: expected one of poll, nats, jetstream, got 'websocket'")]
    [InlineData("  a: { style: rest, devices: { via: nats } }", "arms.a.devices.via: expected via: poll for style rest: only the styles whose receivers publish events (jetstream, nats-core) push updates to a page")]
    [InlineData("  a: { style: jetstream, devices: { via: nats, every: 1s } }", "arms.a.devices.every: 'every' is the interval of a polling page (via: poll); a pushed page polls nothing")]
    [InlineData("  a: { style: rest, devices: { via: poll, pages: 33 } }", "arms.a.devices.pages: expected at most 32 pages (one headless browser opens them all), got 33")]
    [InlineData("  a: { style: rest, devices: { via: poll, every: 0s } }", "arms.a.devices.every: expected a duration > 0, got '0s'")]
    [InlineData("  a: { transport: http, devices: { via: poll } }", "arms.a.devices: 'devices' is only for workflow arms (with a style): a transport arm has no orders for a page to follow")]
    public void Malformed_devices_are_refused_with_their_path_and_what_was_expected(string arm, string expected)
    {
        var errors = Assert.Throws<ScenarioException>(() => Parse(arm)).Errors;

        Assert.Contains(expected, errors.Select(e => $"{e.Path}: {e.Message}"));
    }

    [Fact]
    public void The_pages_link_is_to_the_broker_when_pushed_and_to_the_edge_when_polling()
    {
        var pushed = new DevicesSpec(DeviceChannel.JetStream);
        var polling = new DevicesSpec(DeviceChannel.Poll);

        Assert.Equal(("devices", "broker"), LinkTopology.Connection(Styles.JetStream, "devices->broker", out _, pushed));
        Assert.Equal(("devices", "edge"), LinkTopology.Connection(Styles.Rest, "devices->edge", out _, polling));
        Assert.Null(LinkTopology.Connection(Styles.JetStream, "devices->edge", out var why, pushed));
        Assert.Contains("pushed their updates by the broker", why, StringComparison.Ordinal);
        Assert.Null(LinkTopology.Connection(Styles.Rest, "devices->broker", out why, polling));
        Assert.Contains("poll the edge", why, StringComparison.Ordinal);
        Assert.Null(LinkTopology.Connection(Styles.Rest, "devices->edge", out why));
        Assert.Contains("no devices", why, StringComparison.Ordinal);
    }

    [Fact]
    public void A_pushed_arm_has_its_receivers_publish_for_its_pages_and_a_polling_arm_has_its_edge_keep_the_read_model()
    {
        var scenario = Parse("""
              poll: { style: rest, devices: { via: poll, pages: 8 } }
              push: { style: jetstream, devices: { via: jetstream, pages: 6 } }
              none: { style: jetstream }
            """);
        var none = new Dictionary<string, string>();

        var poll = RoleOptions.For(scenario, scenario.Arms[0], Roles.Edge, null, none, null);
        var push = RoleOptions.For(scenario, scenario.Arms[1], Roles.Notify, null, none, "nats://127.0.0.1:4222");
        var plain = RoleOptions.For(scenario, scenario.Arms[2], Roles.Notify, null, none, "nats://127.0.0.1:4222");

        Assert.Equal((true, 0), (poll.ReadModel, poll.DevicePages));
        Assert.Equal((false, 6), (push.ReadModel, push.DevicePages));
        Assert.Equal((false, 0), (plain.ReadModel, plain.DevicePages));
    }

    private static Scenario Parse(string arms) =>
        ScenarioLoader.Parse($"name: devices\ntitle: T\nclaim: C\nwatch: W\narms:\n{arms}\n", "devices.yaml");
}
