using ArchLab.Contracts.Workflow;
using ArchLab.Harness.Model.Scenarios;
using ArchLab.Harness.Model.Scenarios.Loading;

namespace ArchLab.Unit.Tests.Scenarios;

/// <summary>Transport arms (transport-baseline): their fields, defaults, the arm's own load, and precise errors.</summary>
public class TransportArmTests
{
    private const string OpenLoad = "load: { model: open, rate: 500/s, duration: 4s, warmup: 1s }\n";

    [Fact]
    public void A_transport_arm_reads_its_transport_payload_and_window()
    {
        var arms = Parse("""
              http: { transport: http }
              js: { transport: jetstream-async, payload: 1KiB, window: 64 }
              sync: { transport: jetstream-sync }
            """).Arms;

        Assert.Equal(new TransportArmOptions(Transports.Http, new ByteSize(128), 1), arms[0].Transport);
        Assert.Equal(new TransportArmOptions(Transports.JetStreamAsync, new ByteSize(1024), 64), arms[1].Transport);
        Assert.Equal(1, arms[2].Transport!.Window);
        Assert.Equal((Transports.Http, false, (LoadSpec?)null), (arms[0].Style, arms[0].Ledger, arms[0].Load));
    }

    [Fact]
    public void An_async_jetstream_arm_without_a_window_gets_the_documented_default() =>
        Assert.Equal(TransportArmOptions.DefaultAsyncWindow, Parse("  js: { transport: jetstream-async }").Arms[0].Transport!.Window);

    [Fact]
    public void An_arms_load_is_merged_over_the_scenarios_and_drops_the_other_models_fields()
    {
        var scenario = Parse("  closed: { transport: nats-request, load: { model: closed, users: 4 } }\n  open: { transport: http, load: { rate: 50/s } }", OpenLoad);

        var closed = scenario.Arms[0].Load!;
        Assert.Equal((LoadModel.Closed, 4, TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(1)), (closed.Model, closed.Users, closed.Duration, closed.Warmup));
        var open = scenario.Arms[1].Load!;
        Assert.Equal((LoadModel.Open, 50.0, TimeSpan.FromSeconds(4)), (open.Model, open.Rate.PerSec, open.Duration));
        Assert.Equal(500.0, scenario.Load.Rate.PerSec);
    }

    [Fact]
    public void A_profile_shortens_the_arms_load_too()
    {
        var text = Text("  closed: { transport: http, load: { model: closed, users: 2 } }", OpenLoad) + "profiles:\n  quick: { load: { duration: 1s } }\n";

        var arm = ScenarioLoader.Parse(text, "t.yaml", new ScenarioOverrides(Profile: "quick")).Arms[0];

        Assert.Equal((LoadModel.Closed, 2, TimeSpan.FromSeconds(1)), (arm.Load!.Model, arm.Load.Users, arm.Load.Duration));
    }

    [Fact]
    public void The_transport_baseline_scenario_loads_with_every_transport_in_both_models()
    {
        var scenario = ScenarioLoader.Load(Path.Combine(Repository.Root, "scenarios", "transport-baseline.yaml"));

        Assert.Equal(Transports.All.ToHashSet(), scenario.Arms.Select(a => a.Transport!.Transport).ToHashSet());
        foreach (var transport in Transports.All)
        {
            var models = scenario.Arms.Where(a => a.Transport!.Transport == transport).Select(a => (a.Load ?? scenario.Load).Model).ToHashSet();
            Assert.Equal([LoadModel.Open, LoadModel.Closed], models.Order());
        }
    }

    public static TheoryData<string, string> Malformed { get; } = new()
    {
        { "  t: { transport: amqp }", "6:arms.t.transport: expected one of http, grpc, nats-request, nats-publish, jetstream-sync, jetstream-async, rabbitmq-publish, rabbitmq-rpc, got 'amqp'" },
        { "  t: { transport: http, style: rest }", "6:arms.t.style: 'style' cannot be given with 'transport': a transport arm has no workflow style (its caller speaks the transport to a no-op sink)" },
        { "  t: { transport: http, payload: 4B }", "6:arms.t.payload: expected a size of at least 8B (each message carries its 8-byte sequence number), got '4B'" },
        { "  t: { transport: http, payload: lots }", "6:arms.t.payload: expected a size with a unit (B, KB, KiB, MB, MiB, GB, GiB), got 'lots'" },
        { "  t: { transport: jetstream-sync, window: 8 }", "6:arms.t.window: 'window' is only for transport jetstream-async; jetstream-sync awaits each ack before the next publish (a window of 1)" },
        { "  t: { transport: nats-publish, window: 8 }", "6:arms.t.window: 'window' is only for transport jetstream-async; this arm's transport is nats-publish" },
        { "  t: { transport: jetstream-async, window: 0 }", "6:arms.t.window: expected a whole number >= 1, got '0'" },
        { "  t: { transport: http, ledger: false }", "6:arms.t.ledger: 'ledger' is only for workflow arms (with a style): a transport arm writes no ledger" },
        { "  t: { transport: http, load: { model: closed, users: 0 } }", "6:arms.t.load.users: expected a whole number >= 1, got '0'" },
        { "  t: { transport: http, load: { model: closed, rate: 5/s } }", "6:arms.t.load.rate: 'rate' is only for model: open" },
        { "  t: { transport: http, load: { users: 3 } }", "6:arms.t.load.users: 'users' is only for model: closed" },
        { "  t: { transport: http, load: 5 }", "6:arms.t.load: expected a load mapping such as { model: open, rate: 100/s, duration: 10s }, got '5'" },
        { "  t: { style: rest, payload: 64B }", "6:arms.t.payload: 'payload' is only for transport arms ({ transport: http }); this arm has a style" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void A_malformed_transport_arm_is_refused_with_its_place_path_and_what_was_expected(string arm, string expected)
    {
        var errors = Assert.Throws<ScenarioException>(() => Parse(arm)).Errors;

        // Line 6 is the arm's: every value is on it.
        Assert.Equal([expected], errors.Select(e => $"{e.Line}:{e.Path}: {e.Message}"));
        Assert.All(errors, e => Assert.Equal("arms.yaml", e.File));
    }

    [Fact]
    public void Faults_are_refused_in_a_scenario_with_transport_arms()
    {
        var errors = Assert.Throws<ScenarioException>(() => Parse("  t: { transport: http }", "faults: [ { at: 1s, for: 1s, kill: payment } ]\n")).Errors;

        Assert.Equal(["faults: expected no faults: transport arms (t) have no roles, links or steps to fault; put them in a scenario of their own"],
            errors.Select(e => $"{e.Path}: {e.Message}"));
    }

    private static string Text(string arms, string extra = "") => $"name: arms\ntitle: T\nclaim: C\nwatch: W\narms:\n{arms}\n{extra}";

    private static Scenario Parse(string arms, string extra = "") => ScenarioLoader.Parse(Text(arms, extra), "arms.yaml");
}
