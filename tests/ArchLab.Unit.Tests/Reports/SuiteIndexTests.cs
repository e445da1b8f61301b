using ArchLab.Harness.Model.Results;
using ArchLab.Reports.Suites;

namespace ArchLab.Unit.Tests.Reports;

/// <summary>The suite's page shows each style's moving parts across every scenario it ran in.</summary>
public sealed class SuiteIndexTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("archlab-suite-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task The_index_shows_each_style_s_moving_parts_across_the_suite()
    {
        var run = SampleRun.Results();
        // A second scenario whose REST arm has retries: more settings, and other failures.
        var other = run with
        {
            Scenario = "retention",
            Arms =
            [
                run.Arms[0] with { Name = "rest-retry", MovingParts = run.Arms[0].MovingParts! with { ConfigKeys = 38, FailureClasses = ["timeout"] } },
                run.Arms[1] with { Name = "jetstream~sim", Simulated = true, MovingParts = null },
            ],
        };

        await SuiteIndex.WriteAsync(_folder, "quick", [new("offload", "offload", run, null), new("retention", "retention", other, null)], TestContext.Current.CancellationToken);

        var md = await File.ReadAllTextAsync(Path.Combine(_folder, "index.md"), TestContext.Current.CancellationToken);
        var html = await File.ReadAllTextAsync(Path.Combine(_folder, "index.html"), TestContext.Current.CancellationToken);
        Assert.Contains("## Moving parts by style", md, StringComparison.Ordinal);
        Assert.Contains("| jetstream | 1 | 5 | 6 | 2 | 3 | 3 | 38 | 402 | none |", md, StringComparison.Ordinal);
        Assert.Contains("| rest | 2 | 4 | 4 | n/a | n/a | n/a | 14-38 | 210 | partialEffects, status_503, timeout |", md, StringComparison.Ordinal);
        Assert.Contains("<h2>Moving parts by style</h2>", html, StringComparison.Ordinal);
    }
}
