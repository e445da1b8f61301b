using ArchLab.Harness.Model.Results;
using ArchLab.Harness.Model.Scenarios;
using ArchLab.Harness.Orchestration;
using ArchLab.Unit.Tests.Contract;

namespace ArchLab.Integration.Tests.Fixtures;

/// <summary>A folder of its own for one test, removed afterwards.</summary>
public sealed class TempFolder : IDisposable
{
    public TempFolder(string name)
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "archlab-tests", $"{name}-{Guid.NewGuid():N}"[..(name.Length + 9)]);
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    /// <summary>
    /// Runs the scenario through the orchestrator, as <c>archlab run</c> does, with this folder as the run folder, and
    /// holds the results.json it wrote to docs/results.schema.json: every run of these tests comes through here.
    /// </summary>
    /// <param name="options">Options of the run; its output directory is this folder whatever it says.</param>
    public async Task<RunResults> RunAsync(Scenario scenario, RunOptions? options = null)
    {
        var outcome = await RunOrchestrator.RunAsync(scenario, (options ?? new RunOptions()) with { OutputDirectory = Path }, null, TestContext.Current.CancellationToken);
        ResultsSchema.AssertValidFile(outcome.Folder.ResultsJson);
        return outcome.Results;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
