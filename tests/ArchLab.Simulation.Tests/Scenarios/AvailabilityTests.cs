using ArchLab.Harness.Model.Scenarios;
using ArchLab.Harness.Model.Scenarios.Loading;

namespace ArchLab.Simulation.Tests.Scenarios;

/// <summary>
/// Availability composes as theory says. A synchronous chain answers only when every step succeeded: its
/// availability is the product of the steps'. A decoupled chain answers once the edge has stored the message: its
/// accept availability is the edge's (and the broker's, always up here), whatever the steps do.
/// </summary>
public sealed class AvailabilityTests
{
    // Step error rates: the chain's availability is 0.9 × 0.8 × 0.95 = 0.684, far from any single step's.
    private const string Yaml = """
        name: availability
        title: availability composes
        claim: a synchronous chain multiplies its steps' availabilities
        watch: accepted / offered
        seed: 3
        workflow:
          steps:
            edge:      { time: exp(1ms), workers: 64 }
            inventory: { time: exp(2ms), workers: 64 }
            payment:   { time: exp(2ms), workers: 64 }
            notify:    { time: exp(1ms), workers: 64 }
        arms:
          rest:      { style: rest }
          jetstream: { style: jetstream, ackWait: 2s }
        load: { model: open, arrival: poisson, rate: 2000/s, duration: 20s, warmup: 1s }
        faults:
          - { at: 0s, step: inventory, errorRate: 10% }
          - { at: 0s, step: payment, errorRate: 20% }
          - { at: 0s, step: notify, errorRate: 5% }
          - { at: 5s, for: 2s, kill: edge }
        """;

    [Fact]
    public void A_synchronous_chain_is_the_product_of_its_steps_and_the_edge()
    {
        var run = ScenarioSimulator.Run(ScenarioLoader.Parse(Yaml, "availability.yaml"), new SimulationOptions { RestartSeconds = 0 });
        var rest = run.Results.Arms.Single(a => a.Name == "rest");

        // The edge is down 2 s of 20: its availability is 0.9; the steps' product is 0.684.
        var expected = 0.9 * (0.9 * 0.8 * 0.95);
        AssertProportion(rest.Counts.Accepted, rest.Counts.Offered, expected);
        // Not the availability of the weakest step alone, nor of the edge alone.
        Assert.True(Math.Abs(((double)rest.Counts.Accepted / rest.Counts.Offered) - 0.8 * 0.9) > 0.05);
    }

    [Fact]
    public void A_decoupled_chain_accepts_as_often_as_its_edge_is_up()
    {
        var run = ScenarioSimulator.Run(ScenarioLoader.Parse(Yaml, "availability.yaml"), new SimulationOptions { RestartSeconds = 0 });
        var jetstream = run.Results.Arms.Single(a => a.Name == "jetstream");

        AssertProportion(jetstream.Counts.Accepted, jetstream.Counts.Offered, 0.9);
        // The step errors are retried by redelivery: everything accepted completes, nothing is lost.
        Assert.Equal(0, jetstream.Delivery!.Lost);
    }

    /// <summary>The observed proportion within a 99.9% binomial interval (3.29 standard errors) of the expected one.</summary>
    private static void AssertProportion(long successes, long trials, double expected)
    {
        var observed = (double)successes / trials;
        var halfWidth = 3.29 * Math.Sqrt(expected * (1 - expected) / trials);
        Assert.True(Math.Abs(observed - expected) <= halfWidth, $"observed {observed:0.0000} of {trials}, expected {expected:0.0000} ± {halfWidth:0.0000}");
    }
}
