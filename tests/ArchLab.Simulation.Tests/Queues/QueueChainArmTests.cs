using ArchLab.Harness.Model.Results;
using ArchLab.Harness.Model.Scenarios.Loading;

namespace ArchLab.Simulation.Tests.Queues;

/// <summary>
/// The simulator's RabbitMQ arm: what its queues keep while a consumer is down, where its TTL expires, how its delivery
/// limit and retry queues end a poison order, and that every order lands in one class of the books.
/// </summary>
public sealed class QueueChainArmTests
{
    [Fact]
    public void A_consumer_down_loses_nothing_its_queue_keeps_the_orders_and_they_complete_after_it()
    {
        var arm = Run("{ style: rabbitmq }", "[ { at: 1s, for: 2s, kill: payment } ]");

        AssertBooks(arm);
        Assert.Equal(0, arm.Delivery!.Lost);
        Assert.Equal(0, arm.Delivery.Pending);
        Assert.Equal(arm.Counts.Accepted, arm.Counts.Completed);
        Assert.True(arm.LatencyMs.Completion!.P99 > 1500, $"completion p99 {arm.LatencyMs.Completion.P99} ms: orders waited out the outage");
    }

    [Fact]
    public void With_a_TTL_what_waits_past_it_expires_and_a_TTL_longer_than_the_outage_keeps_everything()
    {
        var short_ = Run("{ style: rabbitmq, maxAge: 500ms }", "[ { at: 1s, for: 2s, kill: payment } ]");
        var long_ = Run("{ style: rabbitmq, maxAge: 5s }", "[ { at: 1s, for: 2s, kill: payment } ]");

        AssertBooks(short_);
        AssertBooks(long_);
        // Down 2 s plus its restart at 50/s: the orders that waited longer than 0.5 s, about 1.5 s of them, expire.
        Assert.InRange(short_.Delivery!.Expired!.Value, 50, 130);
        Assert.Equal(0, long_.Delivery!.Expired);
        Assert.Equal(0, short_.Delivery.Lost);
    }

    [Fact]
    public void A_poison_order_is_dead_lettered_after_its_delivery_limit_or_its_retries()
    {
        var requeued = Run("{ style: rabbitmq, maxDeliver: 3 }", "[ { at: 0s, step: payment, poison: [60, 100, 140] } ]");
        var retried = Run("{ style: rabbitmq, maxDeliver: 3, backoff: [100ms, 200ms] }", "[ { at: 0s, step: payment, poison: [100] } ]");

        AssertBooks(requeued);
        AssertBooks(retried);
        Assert.Equal(3, requeued.Delivery!.DeadLettered);
        Assert.Equal(1, retried.Delivery!.DeadLettered);
        Assert.Equal(0, requeued.Delivery.Lost + retried.Delivery.Lost);
    }

    [Fact]
    public void Without_dead_lettering_a_poison_order_past_its_limit_is_gone_and_counted_lost()
    {
        var arm = Run("{ style: rabbitmq, maxDeliver: 2, deadLetter: false }", "[ { at: 0s, step: payment, poison: [100] } ]");

        AssertBooks(arm);
        Assert.Null(arm.Delivery!.DeadLettered);
        Assert.Equal(1, arm.Delivery.Lost);
    }

    [Fact]
    public void A_full_queue_that_rejects_publishes_refuses_orders_at_the_edge_and_keeps_the_rest()
    {
        var arm = Run("{ style: rabbitmq, maxMsgs: 20, discard: new }", "[ { at: 1s, for: 2s, pause: payment } ]");

        AssertBooks(arm);
        Assert.True(arm.Counts.Errors > 0, "the edge's publishes refused while the queue was full");
        Assert.Equal(0, arm.Delivery!.Lost);
    }

    private static void AssertBooks(ArmResult arm) => Assert.True(arm.Accounting!.AddsUp, arm.Accounting.Detail);

    private static ArmResult Run(string armYaml, string faults)
    {
        var scenario = ScenarioLoader.Parse($$"""
            name: t
            title: RabbitMQ simulated
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
            load: { rate: 50/s, duration: 4s, warmup: 300ms, drain: 30s }
            faults: {{faults}}
            """, "t.yaml");
        return Assert.Single(ScenarioSimulator.Run(scenario, new SimulationOptions()).Results.Arms);
    }
}
