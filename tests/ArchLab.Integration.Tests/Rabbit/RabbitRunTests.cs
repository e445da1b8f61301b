using ArchLab.Harness.Model.Results;
using ArchLab.Harness.Model.Scenarios.Loading;
using ArchLab.Integration.Tests.Fixtures;

namespace ArchLab.Integration.Tests.Rabbit;

/// <summary>
/// The rabbitmq style through the real orchestrator against a real node: what its queues keep, expire and dead-letter,
/// every accepted order in exactly one class of the books, and the broker's own answers behind each.
/// </summary>
[Collection(ArmProcesses.Name)]
public sealed class RabbitRunTests
{
    [Fact]
    public async Task A_consumer_down_for_two_seconds_loses_nothing_its_queue_keeps_the_orders_until_it_is_back()
    {
        var arm = await RunAsync("outage", "{ style: rabbitmq }", "[ { at: 1s, for: 2s, kill: payment } ]");

        AssertBooks(arm);
        Assert.Equal(0, arm.Delivery!.Lost);
        Assert.Equal(0, arm.Counts.Errors); // the edge publishes to the broker, which the outage does not touch
        Assert.True(arm.LatencyMs.Completion!.P99 > 1000, $"completion p99 {arm.LatencyMs.Completion.P99} ms: the orders kept for payment waited");
        // The broker's own count of what waited in payment's queue (a passive declare of each queue, sampled).
        Assert.True(arm.Recovery!.PeakBacklog > 30, $"peak backlog {arm.Recovery.PeakBacklog}");
    }

    [Fact]
    public async Task With_a_TTL_the_orders_a_stopped_consumer_leaves_past_it_expire_and_are_counted_expired()
    {
        var arm = await RunAsync("ttl", "{ style: rabbitmq, maxAge: 500ms }", "[ { at: 1s, for: 2s, kill: payment } ]");

        AssertBooks(arm);
        Assert.True(arm.Delivery!.Expired > 0, "orders expired while payment was down");
        Assert.Equal(0, arm.Delivery.Lost);
        Assert.Equal(0, arm.Delivery.DeadLettered); // expired, dead-lettered for it, but counted where the TTL put it
    }

    [Fact]
    public async Task Poison_orders_are_dead_lettered_after_their_delivery_limit_and_the_rest_complete()
    {
        var arm = await RunAsync("poison", "{ style: rabbitmq, maxDeliver: 3 }", "[ { at: 0s, step: payment, poison: [60, 100, 140] } ]");

        AssertBooks(arm);
        Assert.Equal(3, arm.Delivery!.DeadLettered);
        Assert.Equal(0, arm.Delivery.Lost);
    }

    [Fact]
    public async Task With_retry_queues_a_poison_order_is_tried_maxDeliver_times_with_its_backoff_then_dead_lettered()
    {
        var arm = await RunAsync("retry", "{ style: rabbitmq, maxDeliver: 3, backoff: [100ms, 200ms] }", "[ { at: 0s, step: payment, poison: [100] } ]");

        AssertBooks(arm);
        Assert.Equal(1, arm.Delivery!.DeadLettered);
        Assert.Equal(0, arm.Delivery.Lost);
    }

    [Fact]
    public async Task A_killed_broker_with_durable_queues_loses_no_confirmed_order()
    {
        var arm = await RunAsync("kill", "{ style: rabbitmq }", "[ { at: 1s, for: 500ms, kill: broker } ]", duration: "3s");

        AssertBooks(arm);
        Assert.True(arm.Counts.Accepted > 0);
        Assert.True(arm.Counts.Errors > 0, "orders offered while the node was down were refused");
        Assert.Equal(0, arm.Delivery!.Lost);
        Assert.Equal(0, arm.Delivery.Pending);
    }

    private static void AssertBooks(ArmResult arm) => Assert.True(arm.Accounting!.AddsUp, arm.Accounting.Detail);

    private static async Task<ArmResult> RunAsync(string name, string armYaml, string faults, string duration = "4s")
    {
        using var folder = new TempFolder($"rabbit-{name}");
        var results = await folder.RunAsync(ScenarioLoader.Parse($$"""
            name: t
            title: RabbitMQ in a test
            claim: the queues keep what they promise
            watch: the books
            seed: 3
            workflow:
              steps:
                inventory: { time: fixed(1ms), workers: 4 }
                payment:   { time: fixed(2ms), workers: 4 }
                notify:    { time: fixed(1ms), workers: 4 }
            arms:
              rabbitmq: {{armYaml}}
            load: { rate: 50/s, duration: {{duration}}, warmup: 300ms, drain: 30s }
            faults: {{faults}}
            """, "t.yaml"));
        return Assert.Single(results.Arms);
    }
}
