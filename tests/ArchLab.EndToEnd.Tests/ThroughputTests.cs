using System.Text.Json;
using ArchLab.Harness.Model.Capacity;
using ArchLab.Harness.Model.Results;

namespace ArchLab.EndToEnd.Tests;

/// <summary>throughput quick: the claim at one rate past the knee, then the capacity search's own command.</summary>
public sealed class ThroughputTests
{
    [Fact]
    public async Task Throughput_quick_holds_its_claim_and_the_capacity_search_finds_rest_under_what_queueing_theory_allows()
    {
        var output = Path.Combine(Path.GetTempPath(), "archlab-tests", $"e2e-throughput-{Guid.NewGuid():N}");
        try
        {
            var run = await Wrapper.RunAsync(TimeSpan.FromMinutes(3), "run", "throughput", "--profile", "quick", "--output", Path.Combine(output, "run"));

            Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}\n{run.Output}\n{run.Error}");
            var results = ResultsJson.Read(Path.Combine(output, "run", "results.json"));
            Assert.All(results.Arms, arm => Assert.True(arm.Accounting!.AddsUp, $"{arm.Name}: {arm.Accounting.Detail}"));

            var capacity = await Wrapper.RunAsync(TimeSpan.FromMinutes(4), "capacity", "throughput", "--profile", "quick", "--arms", "rest",
                "--curve-points", "2", "--output", Path.Combine(output, "capacity"));

            Assert.True(capacity.ExitCode == 0, $"exit {capacity.ExitCode}\n{capacity.Output}\n{capacity.Error}");
            var found = JsonSerializer.Deserialize<CapacityResults>(await File.ReadAllTextAsync(Path.Combine(output, "capacity", "capacity.json"),
                TestContext.Current.CancellationToken), new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
            var rest = Assert.Single(found.Arms);
            // Payment's two workers at 10 ms: 200 orders/s by queueing theory, less for the hops and a busy machine's
            // timers, and the search stops within 5% of the rate that broke.
            Assert.InRange(rest.FoundPerSec!.Value, 120, 201);
            Assert.NotNull(rest.AbovePerSec);
            Assert.Contains("capacity-completion-p99.svg", await File.ReadAllTextAsync(Path.Combine(output, "capacity", "capacity.md"), TestContext.Current.CancellationToken),
                StringComparison.Ordinal);
        }
        finally
        {
            if (Directory.Exists(output))
            {
                Directory.Delete(output, recursive: true);
            }
        }
    }
}
