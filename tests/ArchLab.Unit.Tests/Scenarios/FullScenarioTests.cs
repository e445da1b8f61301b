using ArchLab.Contracts.Workflow;
using ArchLab.Harness.Model.Scenarios;
using ArchLab.Harness.Model.Scenarios.Loading;

namespace ArchLab.Unit.Tests.Scenarios;

public class FullScenarioTests
{
    private static readonly Scenario Loaded = ScenarioLoader.Load(ScenarioFiles.Valid("full-scenario.yaml"));

    private static TimeSpan Ms(double value) => TimeSpan.FromMilliseconds(value);

    private static TimeSpan S(double value) => TimeSpan.FromSeconds(value);

    [Fact]
    public void Reads_the_texts_and_the_seed()
    {
        Assert.Equal("full-scenario", Loaded.Name);
        Assert.Equal("Heavy work offloaded to a broker", Loaded.Title);
        Assert.Equal("REST forces the sender to wait; messaging offloads heavy work.", Loaded.Claim);
        Assert.Equal("Accept latency against completion latency, per style.", Loaded.Watch);
        Assert.Equal(42, Loaded.Seed);
        Assert.Equal(ScenarioFiles.Valid("full-scenario.yaml"), Loaded.SourcePath);
        Assert.Null(Loaded.Profile);
        Assert.Equal(["quick", "closed"], Loaded.Profiles);
    }

    [Fact]
    public void Reads_the_workflow()
    {
        Assert.Equal(4096, Loaded.Workflow.Payload.Bytes);
        Assert.Equal(["inventory", "payment", "notify", "edge"], Loaded.Workflow.Steps.Keys);
        Assert.Equal(new StepCost(new ServiceTime(ServiceTimeKind.Exponential, Ms(2)), CostMode.Wait, 8), Loaded.Workflow.CostOf(Roles.Inventory));
        Assert.Equal(new StepCost(new ServiceTime(ServiceTimeKind.LogNormal, Ms(5), Sigma: 0.5), CostMode.Cpu, 4), Loaded.Workflow.CostOf(Roles.Payment));
        Assert.Equal(new StepCost(new ServiceTime(ServiceTimeKind.Uniform, Ms(1), Ms(9))), Loaded.Workflow.CostOf(Roles.Notify));
        Assert.Equal(new StepCost(new ServiceTime(ServiceTimeKind.Fixed, TimeSpan.FromMicroseconds(250))), Loaded.Workflow.CostOf(Roles.Edge));
    }

    [Fact]
    public void Reads_the_arms_in_file_order_with_their_options()
    {
        Assert.Equal(
            [
                new ArmSpec("rest", Styles.Rest) { CallTimeout = S(5) },
                new ArmSpec("grpc", Styles.Grpc),
                new ArmSpec("jetstream", Styles.JetStream) { JetStream = JetStreamArmOptions.Default },
                new ArmSpec("jetstream-ttl", Styles.JetStream)
                {
                    JetStream = new JetStreamArmOptions(StreamStorage.Memory, S(3), S(10), 500),
                },
            ],
            Loaded.Arms);
        Assert.Equal(S(30), Loaded.Arms[1].CallTimeout);
    }

    [Fact]
    public void Reads_the_load()
    {
        var expected = new LoadSpec
        {
            Model = LoadModel.Open,
            Arrival = Arrival.Poisson,
            Rate = Rate.PerSecond(200),
            RampFrom = Rate.PerSecond(20),
            RampFor = S(5),
            Duration = S(20),
            Warmup = S(3),
            MaxInFlight = 1500,
            Timeout = S(2),
            Drain = TimeSpan.FromMinutes(1),
        };
        Assert.Equal(expected, Loaded.Load);
    }

    [Fact]
    public void Reads_every_fault_family()
    {
        Assert.Equal(12, Loaded.Faults.Count);
        Assert.Equal(new ProcessFault(S(4), S(4), ProcessAction.Kill, "payment"), Loaded.Faults[0]);
        Assert.Equal(new ProcessFault(S(1), null, ProcessAction.Stop, "broker", Restart: false), Loaded.Faults[1]);
        Assert.Equal(new ProcessFault(S(2), Ms(500), ProcessAction.Pause, "inventory"), Loaded.Faults[2]);
        Assert.Equal(new BurstFault(S(2), S(3), 2.5), Loaded.Faults[3]);

        var step = Assert.IsType<StepFault>(Loaded.Faults[4]);
        Assert.Equal((S(0), (TimeSpan?)S(3), "payment", 0.2, 3.0, true), (step.At, step.For, step.Step, step.ErrorRate, step.Slowdown, step.CrashAfterEffect));
        Assert.Equal([7L, 13L], step.PoisonIds!);
    }

    [Fact]
    public void Reads_network_faults_in_toxiproxy_units()
    {
        var links = Loaded.Faults.Skip(5).Cast<NetworkFault>().ToList();
        Assert.Equal(
            [
                ("edge->payment", "latency", "jitter=10,latency=100", ToxicDirection.Upstream, 0.5),
                ("caller->edge", "bandwidth", "rate=100", ToxicDirection.Downstream, 1),
                ("inventory->broker", "timeout", "timeout=0", ToxicDirection.Downstream, 1),
                ("broker->notify", "reset_peer", "timeout=1000", ToxicDirection.Downstream, 1),
                ("payment->broker", "slicer", "average_size=64,delay=2000,size_variation=0", ToxicDirection.Downstream, 1),
                ("edge->inventory", "limit_data", "bytes=1000", ToxicDirection.Downstream, 1),
                ("edge->broker", "down", "", ToxicDirection.Downstream, 1),
            ],
            links.Select(l => (l.Link, l.Toxic, string.Join(",", l.Attributes.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => $"{a.Key}={a.Value}")), l.Direction, l.Toxicity)));
        Assert.Equal((S(5), (TimeSpan?)S(3)), (links[0].At, links[0].For));
        Assert.Equal("edge->broker", links[^1].Target);
    }

    [Fact]
    public void Reads_the_expectations_per_arm()
    {
        Assert.Equal(["jetstream", "jetstream-ttl", "rest"], Loaded.Expect.Keys);
        Assert.Equal(["accept.p99 < 0.2 * rest.accept.p99", "lost == 0"], Loaded.Expect["jetstream"].Select(e => e.Text));
        Assert.Equal(["rest"], Loaded.Expect["jetstream"][0].ReferencedArms);
        Assert.Equal(["expired > 0"], Loaded.Expect["jetstream-ttl"].Select(e => e.Text));
        Assert.Equal(["errors > 0"], Loaded.Expect["rest"].Select(e => e.Text));
    }

    [Fact]
    public void A_minimal_scenario_gets_every_default()
    {
        var scenario = ScenarioLoader.Parse("name: minimal\ntitle: T\nclaim: C\nwatch: W\narms: { js: { style: jetstream } }\n", "minimal.yaml");

        Assert.Equal(Scenario.DefaultSeed, scenario.Seed);
        Assert.Equal(256, scenario.Workflow.Payload.Bytes);
        Assert.Empty(scenario.Workflow.Steps);
        Assert.Equal(new LoadSpec(), scenario.Load);
        Assert.Equal(JetStreamArmOptions.Default, scenario.Arms[0].JetStream);
        Assert.Empty(scenario.Faults);
        Assert.Empty(scenario.Expect);
        Assert.Empty(scenario.Profiles);
        Assert.Null(scenario.SourcePath);
    }

    [Fact]
    public void Two_loads_of_the_same_file_are_equal()
    {
        Assert.Equal(Loaded, ScenarioLoader.Load(ScenarioFiles.Valid("full-scenario.yaml")));
    }

    [Fact]
    public void The_valid_file_validates_with_every_profile() =>
        Assert.Empty(ScenarioLoader.Validate(ScenarioFiles.Valid("full-scenario.yaml")));
}
