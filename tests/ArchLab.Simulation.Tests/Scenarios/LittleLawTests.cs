using ArchLab.Harness.Model.Scenarios.Loading;

namespace ArchLab.Simulation.Tests.Scenarios;

/// <summary>
/// Little's law, L = λW, at every node (edge and each step) of every arm of every scenario file, simulated with its
/// quick profile. W counts the time of jobs that left and the age of those still inside, so the law holds exactly on
/// every sample path: a difference is a bookkeeping defect (a job counted in and never out, a wrong arrival time).
/// </summary>
public sealed class LittleLawTests
{
    // transport-baseline measures real transports with no workflow: the simulator refuses it (tested below).
    public static TheoryData<string> Files() =>
        [.. ScenarioFiles.All().Select(f => Path.GetFileNameWithoutExtension(f)).Where(name => name != "transport-baseline")];

    [Fact]
    public void A_scenario_of_transport_arms_is_refused_with_a_reason()
    {
        var scenario = ScenarioLoader.Load(Path.Combine(ScenarioFiles.Folder, "transport-baseline.yaml"), new ScenarioOverrides(Profile: "quick"));

        var error = Assert.Throws<SimulationException>(() => ScenarioSimulator.Run(scenario, new SimulationOptions()));

        Assert.Contains("transport arm", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Holds_at_every_node_of_every_simulated_scenario(string name)
    {
        var scenario = ScenarioLoader.Load(Path.Combine(ScenarioFiles.Folder, name + ".yaml"), new ScenarioOverrides(Profile: "quick"));
        var run = ScenarioSimulator.Run(scenario, new SimulationOptions());

        Assert.NotEmpty(run.Nodes);
        Assert.Contains(run.Nodes, n => n.Arrivals > 0);
        foreach (var node in run.Nodes.Where(n => n.Arrivals > 0))
        {
            Assert.True(node.RelativeError < 1e-9, $"{node.Node}: L {node.MeanInSystem}, λ {node.ArrivalRate}, W {node.MeanTimeInSystem}");
        }
    }
}
