using ArchLab.Harness.Model.Results;
using ArchLab.Harness.Model.Scenarios.Loading;
using ArchLab.Harness.Orchestration;

namespace ArchLab.Unit.Tests.Metrics;

/// <summary>In a sweep each arm takes its declared arm's expectations, and another arm they name is read at the same value.</summary>
public sealed class SweepExpectationTests
{
    [Fact]
    public void An_expectation_naming_another_arm_reads_that_arm_at_the_same_sweep_value()
    {
        var scenario = ScenarioLoader.Parse("""
            name: s
            title: T
            claim: C
            watch: W
            sweep: { receivers: [1, 4] }
            arms:
              rest: { style: rest }
              jetstream: { style: jetstream }
            expect:
              rest: [ "senderEndpoints == receivers" ]
              jetstream: [ "senderEndpoints == 1", "accept.p99 < rest.accept.p99" ]
            """, "s.yaml");
        // At N = 1 the publisher answers faster than REST; at N = 4 it is made slower, so that verdict must flip.
        ArmResult[] arms =
        [
            Arm("rest", 1, endpoints: 1, acceptP99: 10),
            Arm("jetstream", 1, endpoints: 1, acceptP99: 2),
            Arm("rest", 4, endpoints: 4, acceptP99: 30),
            Arm("jetstream", 4, endpoints: 1, acceptP99: 40),
        ];

        var evaluated = RunOrchestrator.Evaluate(scenario, arms);

        Assert.Equal(["rest@1", "jetstream@1", "rest@4", "jetstream@4"], evaluated.Select(a => a.Name));
        Assert.All(evaluated, a => Assert.NotEmpty(a.Expectations));
        Assert.True(evaluated[2].Expectations.Single().Passed, evaluated[2].Expectations.Single().Actual);
        Assert.True(evaluated[1].Expectations[1].Passed, evaluated[1].Expectations[1].Actual);
        Assert.False(evaluated[3].Expectations[1].Passed, evaluated[3].Expectations[1].Actual);
    }

    private static ArmResult Arm(string name, int receivers, int endpoints, double acceptP99) => SampleArms.Jetstream() with
    {
        Name = $"{name}@{receivers}",
        Style = name,
        LatencyMs = new ArmLatencies(new LatencySummary(900, 1, 1, 1, acceptP99, acceptP99, acceptP99), null, null, null),
        FanOut = new FanOutFigures(receivers, name == "rest" ? "sequential" : "publish", endpoints),
        Sweep = new SweepValue(name, "receivers", receivers),
    };
}
