using ArchLab.Harness.Model.Results;
using ArchLab.Harness.Model.Scenarios;
using ArchLab.Harness.Orchestration;

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

    /// <summary>Runs the scenario through the orchestrator, as <c>archlab run</c> does, with this folder as the run folder.</summary>
    public async Task<RunResults> RunAsync(Scenario scenario) =>
        (await RunOrchestrator.RunAsync(scenario, new RunOptions { OutputDirectory = Path }, null, TestContext.Current.CancellationToken)).Results;

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
