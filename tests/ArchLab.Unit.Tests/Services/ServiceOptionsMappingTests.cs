using System.Text.Json;
using ArchLab.Contracts.Hosting;
using ArchLab.Contracts.Workflow;
using ArchLab.Harness.Model.Scenarios.Loading;
using ArchLab.Harness.Orchestration;

namespace ArchLab.Unit.Tests.StepServices;

/// <summary>What each role of an arm is started with, and that it survives the options file.</summary>
public class ServiceOptionsMappingTests
{
    private static readonly Harness.Model.Scenarios.Scenario Scenario = ScenarioLoader.Parse("""
        name: mapping
        title: T
        claim: C
        watch: W
        arms:
          rest-retry: { style: rest, timeout: 10s, attemptTimeout: 1s, retry: { attempts: 5, backoff: linear }, circuitBreaker: { failureRatio: 50% }, idempotencyKey: true }
          jetstream: { style: jetstream, maxDeliver: 4, backoff: [100ms, 1s], dedupe: false, idempotent: true, deadLetter: false }
          nats-core: { style: nats-core }
          nats-request: { style: nats-request, timeout: 2s }
          inproc-sync: { style: inproc, answer: completion, queue: 32, timeout: 3s }
        workflow: { steps: { payment: { time: fixed(2ms), workers: 3 } } }
        """, "mapping.yaml");

    [Fact]
    public void A_rest_arm_hands_its_resilience_to_the_roles_and_its_key_makes_them_idempotent()
    {
        var options = RoleOptions.For(Scenario, Scenario.Arms[0], Roles.Edge, "edge.ledger", new Dictionary<string, string>(), null);

        Assert.Equal((Styles.Rest, TimeSpan.FromSeconds(10), true), (options.Style, options.CallTimeout, options.Idempotent));
        Assert.Equal(Scenario.Arms[0].Resilience, options.Resilience);
        Assert.Equal(BackoffKind.Linear, options.Resilience.Retry!.Backoff);
    }

    [Fact]
    public void A_traced_arm_hands_the_collector_to_every_role_and_says_whether_to_propagate_and_an_untraced_one_hands_nothing()
    {
        var traced = ScenarioLoader.Parse("""
            name: traced
            title: T
            claim: C
            watch: W
            arms:
              on: { style: jetstream, tracing: on }
              broken: { style: jetstream, tracing: unpropagated }
              off: { style: jetstream }
            """, "traced.yaml");
        var collector = new Uri("http://127.0.0.1:4318/");

        ServiceOptions OptionsOf(int arm, Uri? endpoint) =>
            RoleOptions.For(traced, traced.Arms[arm], Roles.Payment, null, new Dictionary<string, string>(), "nats://127.0.0.1:4222", endpoint);

        Assert.Equal(new TracingOptions { Endpoint = "http://127.0.0.1:4318/", Propagate = true }, OptionsOf(0, collector).Tracing);
        Assert.Equal(new TracingOptions { Endpoint = "http://127.0.0.1:4318/", Propagate = false }, OptionsOf(1, collector).Tracing);
        Assert.Null(OptionsOf(2, collector).Tracing);
        Assert.Null(OptionsOf(0, null).Tracing);
        Assert.False(OptionsOf(0, collector).ReadModel);
        var file = JsonSerializer.Serialize(OptionsOf(1, collector), HostingJsonContext.Default.ServiceOptions);
        Assert.Equal(OptionsOf(1, collector).Tracing, JsonSerializer.Deserialize(file, HostingJsonContext.Default.ServiceOptions)!.Tracing);
    }

    [Fact]
    public void A_load_that_reads_orders_back_gives_every_role_of_every_arm_the_read_side()
    {
        var reading = ScenarioLoader.Parse("""
            name: reading
            title: T
            claim: C
            watch: W
            arms:
              rest: { style: rest }
              js: { style: jetstream }
            load: { readAfter: 50ms }
            """, "reading.yaml");

        Assert.Equal(TimeSpan.FromMilliseconds(50), reading.Load.ReadAfter);
        Assert.All(reading.Arms, arm => Assert.All(Roles.AllOf(1), role =>
            Assert.True(RoleOptions.For(reading, arm, role, null, new Dictionary<string, string>(), null).ReadModel)));
        Assert.False(RoleOptions.For(Scenario, Scenario.Arms[0], Roles.Edge, null, new Dictionary<string, string>(), null).ReadModel);
    }

    [Fact]
    public void A_nats_request_arm_hands_its_timeout_to_the_edge_and_the_broker_to_every_role()
    {
        var options = RoleOptions.For(Scenario, Scenario.Arms[3], Roles.Edge, null, new Dictionary<string, string>(), "nats://127.0.0.1:4222");

        Assert.Equal((Styles.NatsRequest, TimeSpan.FromSeconds(2), "nats://127.0.0.1:4222"), (options.Style, options.CallTimeout, options.NatsUrl));
        Assert.Empty(options.Downstream);
        Assert.Equal(CallResilience.None, options.Resilience);
    }

    [Fact]
    public void A_jetstream_arm_hands_its_consumer_options_to_the_roles()
    {
        var options = RoleOptions.For(Scenario, Scenario.Arms[1], Roles.Payment, null, new Dictionary<string, string>(), "nats://127.0.0.1:4222");

        Assert.True(options.Idempotent);
        Assert.Equal([TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(1)], options.JetStream.Backoff);
        Assert.Equal((false, false), (options.JetStream.Dedupe, options.JetStream.DeadLetter));
        Assert.Equal(CallResilience.None, options.Resilience);
    }

    [Fact]
    public void An_inproc_edge_carries_each_step_role_with_its_own_ledger_cost_and_seed_through_the_options_file()
    {
        var arm = Scenario.Arms[4];
        var steps = Roles.Steps.Select(role => RoleOptions.For(Scenario, arm, role, $"{role}.ledger", new Dictionary<string, string>(), null)).ToList();
        var edge = RoleOptions.For(Scenario, arm, Roles.Edge, "edge.ledger", new Dictionary<string, string>(), null) with { InProc = RoleOptions.InProcOf(arm, steps) };

        var read = JsonSerializer.Deserialize(JsonSerializer.Serialize(edge, HostingJsonContext.Default.ServiceOptions), HostingJsonContext.Default.ServiceOptions)!;

        Assert.Equal((Styles.InProc, TimeSpan.FromSeconds(3), true, 32), (read.Style, read.CallTimeout, read.InProc!.AnswerOnCompletion, read.InProc.Queue));
        Assert.Equal(Roles.Steps, read.InProc.Steps.Select(s => s.Role));
        Assert.Equal(Roles.Steps.Select(r => $"{r}.ledger"), read.InProc.Steps.Select(s => s.LedgerPath));
        Assert.Equal(3, read.InProc.Steps.Single(s => s.Role == Roles.Payment).Cost.Workers);
        Assert.Equal(steps.Select(s => s.Seed), read.InProc.Steps.Select(s => s.Seed));
        Assert.Equal(3, read.InProc.Steps.Select(s => s.Seed).Distinct().Count());
        Assert.All(read.InProc.Steps, s => Assert.Null(s.InProc));
    }

    [Fact]
    public void The_options_file_round_trips_every_new_option()
    {
        var options = RoleOptions.For(Scenario, Scenario.Arms[0], Roles.Edge, null, new Dictionary<string, string>(), null)
            with { JetStream = new JetStreamConsumerOptions { Backoff = [TimeSpan.FromSeconds(1)], Dedupe = false } };

        var json = JsonSerializer.Serialize(options, HostingJsonContext.Default.ServiceOptions);
        var read = JsonSerializer.Deserialize(json, HostingJsonContext.Default.ServiceOptions)!;

        Assert.Equal(options.Resilience, read.Resilience);
        Assert.Equal((options.Idempotent, options.CallTimeout), (read.Idempotent, read.CallTimeout));
        Assert.Equal(options.JetStream.Backoff, read.JetStream.Backoff);
        Assert.Equal((false, true), (read.JetStream.Dedupe, read.JetStream.DeadLetter));
        Assert.Contains("\"backoff\": \"Linear\"", json, StringComparison.Ordinal);
    }
}
