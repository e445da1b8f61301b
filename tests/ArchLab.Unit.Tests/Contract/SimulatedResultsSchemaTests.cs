using ArchLab.Cli.Simulation;
using ArchLab.Harness.Model.Results;
using ArchLab.Harness.Model.Scenarios.Loading;
using ArchLab.Simulation;
using ArchLab.Unit.Tests.Scenarios;

namespace ArchLab.Unit.Tests.Contract;

/// <summary>
/// Every scenario of the repository simulated in its quick profile, as <c>archlab simulate</c> does (expectations
/// evaluated), holds to docs/results.schema.json. The simulator fills the contract by its own code, so this holds that
/// path to the schema without starting a process.
/// </summary>
public sealed class SimulatedResultsSchemaTests
{
    public static TheoryData<string> Scenarios() => [.. WorkflowScenarios()];

    [Fact]
    public void The_scenarios_checked_come_from_every_folder_of_scenarios()
    {
        var files = WorkflowScenarios();

        Assert.Contains(Path.Combine("scenarios", "retention.yaml"), files);
        Assert.Contains(Path.Combine("scenarios", "bench", "soak.yaml"), files);
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void A_simulated_run_writes_results_that_hold_to_the_schema(string file)
    {
        var scenario = ScenarioLoader.Load(Path.Combine(Repository.Root, file), new ScenarioOverrides(Profile: "quick"));

        var (results, _) = SimulatedRuns.Simulate(scenario, new SimulationOptions());

        Assert.True(results.Simulated);
        ResultsSchema.AssertValid(ResultsJson.Serialize(results), $"the simulated results of {file}");
    }

    /// <summary>
    /// Scenarios the simulator cannot run, with the reason. Transport arms (transport-baseline) are refused by the
    /// simulator and left out by what they are; the end-to-end run of transport-baseline holds their results to the schema.
    /// </summary>
    private static readonly Dictionary<string, string> CannotSimulate = new(StringComparer.Ordinal)
    {
        [Path.Combine("scenarios", "bench", "ledger-cost.yaml")] =
            "closed load with no think time on steps that cost nothing: with transport time zero, the simulated users send without end in no simulated time",
    };

    private static List<string> WorkflowScenarios() =>
    [
        .. Directory.GetFiles(Path.Combine(Repository.Root, "scenarios"), "*.yaml", SearchOption.AllDirectories)
            .Where(file => ScenarioLoader.Load(file, new ScenarioOverrides(Profile: "quick")).Arms.All(a => a.Transport is null))
            .Select(file => Path.GetRelativePath(Repository.Root, file))
            .Where(file => !CannotSimulate.ContainsKey(file))
            .Order(StringComparer.Ordinal),
    ];
}
