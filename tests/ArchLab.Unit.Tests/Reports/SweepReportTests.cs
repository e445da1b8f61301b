using ArchLab.Harness.Model.Results;
using ArchLab.Reports;
using ArchLab.Reports.Charts;
using ArchLab.Reports.Exporters;

namespace ArchLab.Unit.Tests.Reports;

/// <summary>A swept run's report leads with the curves against the swept value and has a fan-out table and columns.</summary>
public sealed class SweepReportTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("archlab-sweep-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task A_swept_run_leads_with_one_curve_per_declared_arm_and_shows_the_fan_out_table()
    {
        var results = SampleRun.Results() with { Arms = [.. Swept("rest-seq", "sequential", 1), .. Swept("jetstream", "publish", 0)] };
        SampleRun.WriteLogs(_folder, results.Arms.Select(a => a.Name), ["accept", "completion"]);

        var outcome = await ReportSet.WriteAsync(results, _folder, TestContext.Current.CancellationToken);

        Assert.Empty(outcome.Failed);
        Assert.Equal(
            ["sweep-accept-p99", "sweep-completion-p99", "sweep-edge-cpu", "sweep-sender-endpoints", "sweep-accept-slow", "sweep-completion-slow"],
            outcome.Charts.Take(6).Select(c => c.Name));
        PngAssert.IsChart(Path.Combine(_folder, "charts/sweep-sender-endpoints.png"), 1200, 600, ArmPalette.HexOf(0), ArmPalette.HexOf(1));
        var markdown = await File.ReadAllTextAsync(Path.Combine(_folder, "report.md"), TestContext.Current.CancellationToken);
        Assert.Contains("## Fan-out", markdown, StringComparison.Ordinal);
        Assert.Contains("| rest-seq@8 | 8 | sequential | 8 |", markdown, StringComparison.Ordinal);
        Assert.Contains("| jetstream@8 | 8 | publish | 1 |", markdown, StringComparison.Ordinal);
        var csv = (await File.ReadAllLinesAsync(Path.Combine(_folder, ResultsCsvExporter.FileName), TestContext.Current.CancellationToken)).Select(l => l.Split(',')).ToList();
        var column = Array.IndexOf(csv[0], "senderEndpoints");
        Assert.Equal(["1", "4", "8", "1", "1", "1"], csv.Skip(1).Select(row => row[column]));
    }

    [Fact]
    public async Task A_run_with_one_receiver_and_no_sweep_has_neither_curves_nor_a_fan_out_table()
    {
        var results = SampleRun.Results();
        SampleRun.WriteLogs(_folder, results.Arms.Select(a => a.Name), ["accept", "completion"]);

        var outcome = await ReportSet.WriteAsync(results, _folder, TestContext.Current.CancellationToken);

        Assert.DoesNotContain(outcome.Charts, c => c.Name.StartsWith("sweep-", StringComparison.Ordinal));
        Assert.DoesNotContain("## Fan-out", await File.ReadAllTextAsync(Path.Combine(_folder, "report.md"), TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    /// <param name="perReceiver">Endpoints per receiver the sender holds: 1 when it calls each, 0 when it publishes (then always 1).</param>
    private static IEnumerable<ArmResult> Swept(string arm, string mode, int perReceiver)
    {
        var template = SampleRun.Results().Arms[1];
        foreach (var n in new[] { 1, 4, 8 })
        {
            yield return template with
            {
                Name = $"{arm}@{n}",
                FanOut = new FanOutFigures(n, mode, perReceiver == 0 ? 1 : n)
                {
                    EdgeCpuMsPerRequest = 0.1 * (perReceiver == 0 ? 1 : n),
                    AcceptSlowFraction = perReceiver == 0 ? 0 : 1 - Math.Pow(0.95, n),
                    CompletionSlowFraction = 1 - Math.Pow(0.95, n),
                    ExpectedSlowFraction = 1 - Math.Pow(0.95, n),
                },
                Sweep = new SweepValue(arm, "receivers", n),
            };
        }
    }
}
