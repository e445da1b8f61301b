using ArchLab.Harness.Model.Scenarios.Loading;

namespace ArchLab.Simulation.Tests.Scenarios;

/// <summary>
/// The simulated read side against theory. With one exponential step of mean m behind the answer and nothing else in
/// the way (workers enough that nothing queues, no calibrated hop), an order completes an Exp(m) time after the caller
/// was answered: a read d after the answer is stale with probability e^(-d/m), and the lag's median is m ln 2. A
/// synchronous chain answers after the work: never stale.
/// </summary>
public sealed class ReadModelTests
{
    private static string Yaml(string readAfter) => $$"""
        name: readmodel
        title: read your writes, or not
        claim: messaging reads are eventually consistent
        watch: staleShare
        seed: 11
        workflow:
          steps:
            payment: { time: exp(10ms), workers: 256 }
        arms:
          rest:      { style: rest }
          jetstream: { style: jetstream }
        load: { model: open, arrival: poisson, rate: 200/s, duration: 20s, warmup: 1s, readAfter: {{readAfter}} }
        """;

    [Theory]
    [InlineData("10ms", 10.0)]
    [InlineData("20ms", 20.0)]
    public void A_read_after_the_answer_is_stale_as_often_as_the_remaining_work_outlasts_it(string readAfter, double afterMs)
    {
        var run = ScenarioSimulator.Run(ScenarioLoader.Parse(Yaml(readAfter), "readmodel.yaml"), new SimulationOptions());
        var rest = run.Results.Arms.Single(a => a.Name == "rest").Consistency!;
        var jetstream = run.Results.Arms.Single(a => a.Name == "jetstream").Consistency!;

        Assert.Equal((0.0, 0.0), (rest.StaleShare, rest.WindowMs!.P99));
        Assert.Equal(afterMs, jetstream.ReadAfterMs);
        Assert.InRange(jetstream.StaleShare!.Value, Math.Exp(-afterMs / 10) - 0.03, Math.Exp(-afterMs / 10) + 0.03);
        Assert.InRange(jetstream.WindowMs!.P50, (10 * Math.Log(2)) - 0.7, (10 * Math.Log(2)) + 0.7);
        Assert.Equal(0, jetstream.NeverShown);
    }
}
