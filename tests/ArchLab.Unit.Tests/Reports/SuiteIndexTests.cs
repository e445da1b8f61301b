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

    [Fact]
    public async Task The_index_is_a_lesson_per_scenario_its_claim_its_headline_with_the_figure_its_chart_and_its_report()
    {
        var ct = TestContext.Current.CancellationToken;
        var run = SampleRun.Results();
        var chart = Path.Combine(_folder, "offload", "charts", "bars-accept.png");
        Directory.CreateDirectory(Path.GetDirectoryName(chart)!);
        await File.WriteAllBytesAsync(chart, [0x89, 0x50, 0x4E, 0x47], ct);
        var plain = run with { Scenario = "plain", Title = "No headline", Headline = null };

        await SuiteIndex.WriteAsync(_folder, "quick",
            [new("offload", "offload", run, null), new("plain", "plain", plain, null), new("broken", "broken", null, "exit 3")], ct);

        var html = await File.ReadAllTextAsync(Path.Combine(_folder, "index.html"), ct);
        var md = await File.ReadAllTextAsync(Path.Combine(_folder, "index.md"), ct);
        Assert.Contains("0 of 3 claims held", html, StringComparison.Ordinal);
        Assert.Equal(3, System.Text.RegularExpressions.Regex.Matches(html, "<section class=\"lesson\"").Count);
        // The lesson: the claim, then the sentence with the run's figure and the verdict, the chart, the report.
        var lesson = html[html.IndexOf("<section class=\"lesson\" id=\"offload\">", StringComparison.Ordinal)..];
        var order = new[] { "Claim:", "jetstream answers in 7.4 ms at p99 where rest takes 98 ms", "the claim did not hold in this run", "src=\"data:image/png;base64,iVBORw==\"", "offload/report.html" }
            .Select(t => lesson.IndexOf(t, StringComparison.Ordinal)).ToList();
        Assert.DoesNotContain(-1, order);
        Assert.Equal(order.Order(), order);
        // Without a headline a lesson gives its verdicts; a failed run says why.
        Assert.Contains("1 of 2 expectations held", html, StringComparison.Ordinal);
        Assert.Contains("the run failed: exit 3", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Expectations per scenario", html, StringComparison.Ordinal);
        Assert.Contains("![bars-accept](offload/charts/bars-accept.png)", md, StringComparison.Ordinal);
        Assert.Contains("**jetstream answers in 7.4 ms at p99 where rest takes 98 ms** (the claim did not hold in this run)", md, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_scenario_searched_for_its_capacity_shows_each_arms_capacity_its_curve_and_the_search_after_its_report()
    {
        var ct = TestContext.Current.CancellationToken;
        var run = SampleRun.Results();
        var curve = Path.Combine(_folder, "offload-capacity", "charts", "capacity-completion-p99.png");
        Directory.CreateDirectory(Path.GetDirectoryName(curve)!);
        await File.WriteAllBytesAsync(curve, [0x89, 0x50, 0x4E, 0x48], ct);
        var found = new ArchLab.Harness.Model.Capacity.CapacityResults(1, "offload", "quick", "measured", DateTimeOffset.UnixEpoch, "completion", null, 3, 1, 0.05,
        [
            new("rest", "rest", 187.5, false, 196.9, ["completed 190/s of 196/s offered"], 0, []),
            new("jetstream", "jetstream", null, false, 50, ["the backlog grew by 40 over the window"], 0, []),
        ]);

        await SuiteIndex.WriteAsync(_folder, "quick", [new("offload", "offload", run, null) { Capacity = new SuiteCapacity("offload-capacity", found) }], ct);

        var html = await File.ReadAllTextAsync(Path.Combine(_folder, "index.html"), ct);
        var md = await File.ReadAllTextAsync(Path.Combine(_folder, "index.md"), ct);
        var order = new[] { "offload/report.html", "capacity: rest 187.5/s, jetstream none held (completion)", "src=\"data:image/png;base64,iVBOSA==\"", "offload-capacity/capacity.md" }
            .Select(t => html.IndexOf(t, StringComparison.Ordinal)).ToList();
        Assert.DoesNotContain(-1, order);
        Assert.Equal(order.Order(), order);
        Assert.Contains("![completion p99 against the offered rate](offload-capacity/charts/capacity-completion-p99.png)", md, StringComparison.Ordinal);
        Assert.Contains("[the capacity search](offload-capacity/capacity.md)", md, StringComparison.Ordinal);
    }
}
