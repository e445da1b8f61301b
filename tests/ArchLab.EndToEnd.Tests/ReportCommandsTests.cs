using System.Globalization;
using System.Text.RegularExpressions;
using ArchLab.Harness.Model.Results;

namespace ArchLab.EndToEnd.Tests;

/// <summary><c>archlab report</c>, <c>compare</c> and <c>run --suite</c>, run as a user runs them, on a small scenario.</summary>
public sealed class ReportCommandsTests : IDisposable
{
    private const string Tiny = """
        name: tiny
        title: A small run for the report commands
        claim: c
        watch: w
        headline: { text: "rest completes in {rest.completion.p50} and loses {rest.lost}", chart: bars-completion }
        workflow:
          steps:
            inventory: { time: fixed(1ms) }
            payment:   { time: fixed(1ms) }
            notify:    { time: fixed(1ms) }
        arms:
          rest: { style: rest }
        load: { rate: 50/s, duration: 3s, warmup: 500ms }
        expect:
          rest: [ "lost == 0" ]
        profiles:
          quick:
            load: { duration: 2s }
        """;

    private readonly string _home = Path.Combine(Path.GetTempPath(), "archlab-tests", $"home-{Guid.NewGuid():N}");

    public ReportCommandsTests()
    {
        Directory.CreateDirectory(Path.Combine(_home, "scenarios"));
        File.WriteAllText(Path.Combine(_home, "scenarios", "tiny.yaml"), Tiny);
    }

    public void Dispose()
    {
        if (Directory.Exists(_home))
        {
            Directory.Delete(_home, recursive: true);
        }
    }

    [Fact]
    public async Task Report_rebuilds_a_run_and_compare_judges_two_runs()
    {
        var (a, b) = (Path.Combine(_home, "a"), Path.Combine(_home, "b"));
        var scenario = Path.Combine(_home, "scenarios", "tiny.yaml");
        Assert.Equal(0, (await Wrapper.RunAsync(TimeSpan.FromMinutes(3), "run", scenario, "--output", a)).ExitCode);
        Assert.Equal(0, (await Wrapper.RunAsync(TimeSpan.FromMinutes(3), "run", scenario, "--output", b, "--rate", "80/s")).ExitCode);
        File.Delete(Path.Combine(a, "report.html"));

        var report = await Wrapper.RunAsync(TimeSpan.FromMinutes(1), "report", a);
        var compare = await Wrapper.RunAsync(TimeSpan.FromMinutes(1), "compare", a, b, "--output", Path.Combine(_home, "cmp"));

        Assert.True(report.ExitCode == 0, report.Output + report.Error);
        Assert.True(File.Exists(Path.Combine(a, "report.html")));
        Assert.True(compare.ExitCode == 0, compare.Output + compare.Error);
        // 50/s against 80/s: the completed rate is the one change no noise band can hide. On a busy machine the last
        // completions spill past the 3 s window, which lowers both rates (completed over the longer span): judged as a
        // ratio, 1.6 in theory, with a margin that spill cannot cross.
        var md = await File.ReadAllTextAsync(Path.Combine(_home, "cmp", "compare.md"), TestContext.Current.CancellationToken);
        var row = Regex.Match(md, @"\| completedPerSec \| (?<a>[0-9.]+) /s \| (?<b>[0-9.]+) /s \| \+[0-9.]+% \| \*\*better\*\* \|");
        Assert.True(row.Success, md);
        var (rateA, rateB) = (double.Parse(row.Groups["a"].Value, CultureInfo.InvariantCulture), double.Parse(row.Groups["b"].Value, CultureInfo.InvariantCulture));
        Assert.InRange(rateA, 30, 50.5);
        Assert.InRange(rateB / rateA, 1.3, 1.9);
        Assert.Contains("completedPerSec", compare.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_run_folder_gets_a_clear_error()
    {
        var bad = Directory.CreateDirectory(Path.Combine(_home, "not-a-run")).FullName;
        await File.WriteAllTextAsync(Path.Combine(bad, "results.json"), "{ \"schema\": 3", TestContext.Current.CancellationToken);

        var missing = await Wrapper.RunAsync(TimeSpan.FromMinutes(1), "report", Path.Combine(_home, "nowhere"));
        var broken = await Wrapper.RunAsync(TimeSpan.FromMinutes(1), "compare", bad, bad);

        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("no run", missing.Output + missing.Error, StringComparison.Ordinal);
        Assert.Equal(2, broken.ExitCode);
        Assert.Contains("not an archlab results file", broken.Output + broken.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", broken.Output + broken.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_suite_runs_every_scenario_profile_and_writes_an_index()
    {
        var suite = Path.Combine(_home, "suite");

        var run = await Wrapper.RunAsync(TimeSpan.FromMinutes(3), "run", "--suite", "quick", "--scenarios", Path.Combine(_home, "scenarios"), "--output", suite);

        Assert.True(run.ExitCode == 0, run.Output + run.Error);
        var results = ResultsJson.Read(Path.Combine(suite, "tiny", "results.json"));
        Assert.Equal("quick", results.Profile);
        var index = await File.ReadAllTextAsync(Path.Combine(suite, "index.html"), TestContext.Current.CancellationToken);
        Assert.Contains("href=\"tiny/report.html\"", index, StringComparison.Ordinal);
        // The lesson of tiny: its headline with the run's figure, and the chart it names.
        Assert.Matches("rest completes in [0-9.]+ ms and loses 0 <span class=\"pass verdict\">the claim holds</span>", index);
        Assert.Contains("<img alt=\"bars-completion\" src=\"data:image/png;base64,", index, StringComparison.Ordinal);
        Assert.Contains("1 of 1 claims held", index, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(suite, "tiny", "report.html")));
    }

    [Fact]
    public async Task Bench_keeps_the_micro_benchmark_reports_in_its_run_folder()
    {
        var output = Path.Combine(_home, "bench");

        var bench = await Wrapper.RunAsync(TimeSpan.FromMinutes(3), "bench", "--quick", "--filter", "*Serialization*", "--output", output);

        Assert.True(bench.ExitCode == 0, bench.Output + bench.Error);
        var report = Path.Combine(output, "microbenchmarks", "results", "ArchLab.Microbenchmarks.Serialization.SerializationBenchmarks-report-github.md");
        var text = await File.ReadAllTextAsync(report, TestContext.Current.CancellationToken);
        Assert.Contains("Json_Serialize", text, StringComparison.Ordinal);
        Assert.Contains("Protobuf_Serialize", text, StringComparison.Ordinal);
    }
}
