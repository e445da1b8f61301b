using ArchLab.Harness.Model.Results;
using ArchLab.Reports.Compare;

namespace ArchLab.Unit.Tests.Reports;

public sealed class CompareTests
{
    private static CompareMetric Metric(string name) => CompareMetric.All.Single(m => m.Name == name);

    [Theory]
    [InlineData("accept.p99", 100.0, 70.0, Verdict.Better)]      // -30%, band 20%
    [InlineData("accept.p99", 100.0, 115.0, Verdict.WithinNoise)] // +15%
    [InlineData("accept.p99", 100.0, 130.0, Verdict.Worse)]
    [InlineData("accept.p50", 1.0, 1.15, Verdict.WithinNoise)]    // +0.15 ms is under the 0.2 ms floor
    [InlineData("completedPerSec", 100.0, 94.0, Verdict.Worse)]  // higher is better, -6% beyond 5%
    [InlineData("completedPerSec", 100.0, 106.0, Verdict.Better)]
    [InlineData("lost", 0.0, 1.0, Verdict.Worse)]                 // no band on correctness counts
    [InlineData("duplicated", 3.0, 0.0, Verdict.Better)]
    [InlineData("drainSec", 2.0, 2.9, Verdict.WithinNoise)]        // one second of per-second granularity
    public void A_change_beyond_the_band_is_better_or_worse_by_the_metric_direction(string metric, double a, double b, Verdict expected)
    {
        Assert.Equal(expected, RunComparison.Judge(Metric(metric), a, b));
    }

    [Fact]
    public void A_metric_that_applies_to_one_run_only_is_not_comparable()
    {
        Assert.Equal(Verdict.NotComparable, RunComparison.Judge(Metric("peakBacklog"), null, 40));
    }

    [Fact]
    public void Runs_are_compared_arm_by_arm_and_arms_of_one_run_only_are_listed()
    {
        var a = SampleRun.Results();
        var b = a with
        {
            Arms =
            [
                a.Arms[1] with { LatencyMs = a.Arms[1].LatencyMs with { Accept = a.Arms[1].LatencyMs.Accept! with { P99 = 3.0 } } },
                a.Arms[1] with { Name = "jetstream-ttl" },
            ],
        };

        var comparison = RunComparison.Of(a, b, "run-a", "run-b");

        Assert.Equal(["rest"], comparison.OnlyInA);
        Assert.Equal(["jetstream-ttl"], comparison.OnlyInB);
        Assert.All(comparison.Changes, c => Assert.Equal("jetstream", c.Arm));
        var p99 = comparison.Changes.Single(c => c.Metric.Name == "accept.p99");
        Assert.Equal((7.4, 3.0, Verdict.Better), (p99.A!.Value, p99.B!.Value, p99.Verdict));
        Assert.Equal(1, comparison.Better);
        Assert.Equal(0, comparison.Worse);
        // Null in both runs (expired for this arm): left out rather than shown as a change.
        Assert.DoesNotContain(comparison.Changes, c => c.Metric.Name == "expired");
    }

    [Fact]
    public void Markdown_and_html_show_the_values_change_and_verdict()
    {
        var a = SampleRun.Results();
        var b = a with { Arms = [a.Arms[0] with { Counts = a.Arms[0].Counts with { Errors = a.Arms[0].Counts.Errors + 50 } }, a.Arms[1]] };
        var comparison = RunComparison.Of(a, b, "run-a", "run-b");

        var md = ComparisonMarkdown.Render(comparison);
        var html = ComparisonHtml.Render(comparison);

        var errors = comparison.Changes.Single(c => c.Arm == "rest" && c.Metric.Name == "errors");
        Assert.Contains($"| errors | {errors.A} | {errors.B} | {ComparisonText.Change(errors)} | **worse** |", md, StringComparison.Ordinal);
        Assert.Contains("| accept.p99 | 7.40 ms | 7.40 ms | 0.0% | same |", md, StringComparison.Ordinal);
        Assert.Contains("<td class=\"fail\">worse</td>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("http", html, StringComparison.Ordinal);
    }
}
