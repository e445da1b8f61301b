using System.Text.RegularExpressions;
using ArchLab.Contracts.Messages;
using ArchLab.Harness.Model.Agreement;
using ArchLab.Harness.Model.Results;
using ArchLab.Harness.Model.Tracing;
using ArchLab.Reports;
using ArchLab.Reports.Charts;
using ArchLab.Reports.Exporters;

namespace ArchLab.Unit.Tests.Reports;

public sealed partial class ReportSetTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("archlab-report-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Write_produces_every_file_and_notes_a_missing_log()
    {
        var outcome = await WriteSampleAsync();

        foreach (var file in new[] { "results.json", "results.csv", "timeline.csv", "report.md", "report.html" })
        {
            Assert.True(File.Exists(Path.Combine(_folder, file)), file);
        }

        Assert.Empty(outcome.Failed);
        Assert.Equal(
            ["spectrum-accept", "spectrum-completion", "timeline-accepted", "timeline-completed", "timeline-errors", "timeline-backlog", "timeline-accept-p99", "bars-accept", "bars-completion", "delivery"],
            outcome.Charts.Select(c => c.Name));
        Assert.Contains("Completion latency by percentile: arm rest left out, rest.completion.hlog is missing.", outcome.Notes);
        foreach (var chart in outcome.Charts)
        {
            PngAssert.IsChart(Path.Combine(_folder, chart.PngPath), 1200, 600);
            Assert.StartsWith("<", (await File.ReadAllTextAsync(Path.Combine(_folder, chart.SvgPath), TestContext.Current.CancellationToken)).TrimStart(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Charts_give_each_arm_its_palette_colour()
    {
        await WriteSampleAsync();

        PngAssert.IsChart(Path.Combine(_folder, "charts/spectrum-accept.png"), 1200, 600, ArmPalette.HexOf(0), ArmPalette.HexOf(1));
        PngAssert.IsChart(Path.Combine(_folder, "charts/timeline-accept-p99.png"), 1200, 600, ArmPalette.HexOf(0), ArmPalette.HexOf(1));
        PngAssert.IsChart(Path.Combine(_folder, "charts/timeline-accepted.png"), 1200, 600, ArmPalette.HexOf(0), ArmPalette.HexOf(1));
        PngAssert.IsChart(Path.Combine(_folder, "charts/bars-accept.png"), 1200, 600, ArmPalette.HexOf(0), ArmPalette.HexOf(1));
    }

    [Fact]
    public async Task Markdown_has_claim_verdicts_with_actual_values_tables_and_chart_links()
    {
        await WriteSampleAsync();

        var md = await File.ReadAllTextAsync(Path.Combine(_folder, MarkdownExporter.FileName), TestContext.Current.CancellationToken);
        Assert.StartsWith("# Offload the slow step\n", md, StringComparison.Ordinal);
        Assert.Contains("**Claim:** Accepting into a stream cuts the caller's wait; completion stays as slow.", md, StringComparison.Ordinal);
        Assert.Contains("**What to watch:** accept p99 of jetstream against rest", md, StringComparison.Ordinal);
        Assert.Contains("| rest | accept.p99 < 50ms | FAIL | 98.04 ms |", md, StringComparison.Ordinal);
        Assert.Contains("| jetstream | accept.p99 < 50ms | PASS | 7.4 ms |", md, StringComparison.Ordinal);
        Assert.Contains("| rest | rest | 600 | 598 | n/a | 2 | n/a | 10.3 ms | 98.0 ms | 120 ms | n/a | n/a | n/a | n/a |", md, StringComparison.Ordinal);
        Assert.Contains("| jetstream | 590 | 2 | 0 | 5 | n/a | 3 | 0 | 1 | add up |", md, StringComparison.Ordinal);
        Assert.Contains("| jetstream | kill | payment | 2 s | 4 s |", md, StringComparison.Ordinal);
        Assert.Contains("## Moving parts", md, StringComparison.Ordinal);
        Assert.Contains("| rest | rest | 4 | 4 | n/a | n/a | n/a | 14 | 210 | partialEffects, status_503 |", md, StringComparison.Ordinal);
        Assert.Contains("| jetstream | jetstream | 5 | 6 | 2 | 3 | 3 | 38 | 402 | none |", md, StringComparison.Ordinal);
        Assert.Contains("## Service times", md, StringComparison.Ordinal);
        Assert.Contains("| jetstream | payment | exp(10ms) | 600 | 10.0 ms | 46.1 ms | 9.80 ms | 44.1 ms | 10.6 ms | 7.20 ms | 47.3 ms | +8.2 % (past 5 %) | +7.3 % (past 5 %) |", md, StringComparison.Ordinal);
        Assert.Contains("| jetstream | notify | fixed(2ms) cpu | 600 | 2.00 ms | 2.00 ms | 2.00 ms | 2.00 ms | 2.02 ms | 2.01 ms | 2.08 ms | +1.0 % | +4.0 % |", md, StringComparison.Ordinal);
        Assert.Contains("- started (UTC): 2025-03-14 09:26:53", md, StringComparison.Ordinal);
        Assert.Contains("- nats-server: 2.11.0", md, StringComparison.Ordinal);
        Assert.Contains("![Accept latency by percentile](charts/spectrum-accept.png)", md, StringComparison.Ordinal);
        Assert.Contains("- rest.completion.hlog is missing", md.Replace("Completion latency by percentile: arm rest left out, ", "- ", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("- rest: the drain hit its limit", md, StringComparison.Ordinal);
        Assert.Contains("- [jetstream.completion.hlog](jetstream.completion.hlog)", md, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_run_with_its_simulation_lists_each_figure_compared_or_left_out_and_no_other_run_has_the_table()
    {
        await WriteSampleAsync();
        var plain = await File.ReadAllTextAsync(Path.Combine(_folder, MarkdownExporter.FileName), TestContext.Current.CancellationToken);
        Assert.DoesNotContain("## Measured and simulated", plain, StringComparison.Ordinal);

        var results = SampleRun.Results() with
        {
            Agreement =
            [
                new FigureAgreement("jetstream", "completion.p99", 104.4, 98.2, 10.4, AgreementVerdict.Agree, null),
                new FigureAgreement("jetstream", "lost", 0, 7, 3, AgreementVerdict.Disagree, null),
                new FigureAgreement("jetstream", "drainSec", 1.25, 1.1, 0.2, AgreementVerdict.Unmodelled, "the redelivery timer is not modelled"),
                new FigureAgreement("jetstream", "expired", null, null, 3, AgreementVerdict.NotApplicable, null),
            ],
        };
        await ReportSet.WriteAsync(results, _folder, TestContext.Current.CancellationToken);

        var md = await File.ReadAllTextAsync(Path.Combine(_folder, MarkdownExporter.FileName), TestContext.Current.CancellationToken);
        Assert.Contains("## Measured and simulated", md, StringComparison.Ordinal);
        Assert.Contains("| jetstream | completion.p99 | 104 ms | 98.2 ms | 10.4 ms | agree |", md, StringComparison.Ordinal);
        Assert.Contains("| jetstream | lost | 0 | 7 | 3 | DIFFER |", md, StringComparison.Ordinal);
        Assert.Contains("| jetstream | drainSec | 1.25 s | 1.1 s | 0.2 s | not modelled: the redelivery timer is not modelled |", md, StringComparison.Ordinal);
        Assert.DoesNotContain("| jetstream | expired |", md, StringComparison.Ordinal);
        var html = await File.ReadAllTextAsync(Path.Combine(_folder, HtmlExporter.FileName), TestContext.Current.CancellationToken);
        Assert.Contains("Measured and simulated", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_power_loss_shows_the_orders_it_took_what_the_store_lost_and_the_broker_s_own_count()
    {
        await WriteSampleAsync();
        Assert.DoesNotContain("## Power losses", await File.ReadAllTextAsync(Path.Combine(_folder, MarkdownExporter.FileName), TestContext.Current.CancellationToken), StringComparison.Ordinal);

        var sample = SampleRun.Results();
        var lost = new PowerLossFigures(40_960, 212, 0, 0, ["ORDERS/msgs/1.blk"])
        {
            LostOrders = 44,
            LostAckedFromSec = -0.47,
            LostAckedToSec = 0.002,
            StreamBefore = new StreamReading(300, 1_420, 120),
            StreamAfter = new StreamReading(180, 1_300, 0),
            SequencesTakenBack = 120,
        };
        var kept = new PowerLossFigures(0, 0, 0, 0, []) { CacheKept = true, LostOrders = 0, StreamBefore = new StreamReading(300, 1_420, 120) };
        var results = sample with
        {
            Arms =
            [
                sample.Arms[0] with { Faults = [new FaultWindow("power-loss", "broker", 1.5, 2.5) { PowerLoss = lost }] },
                sample.Arms[1] with { Faults = [new FaultWindow("power-loss", "broker", 1.5, 2.5) { PowerLoss = kept }] },
            ],
        };
        await ReportSet.WriteAsync(results, _folder, TestContext.Current.CancellationToken);

        var md = await File.ReadAllTextAsync(Path.Combine(_folder, MarkdownExporter.FileName), TestContext.Current.CancellationToken);
        Assert.Contains("## Power losses", md, StringComparison.Ordinal);
        Assert.Contains($"| {sample.Arms[0].Name} | broker | 1.5 s | 44 | -0.47 s .. +0.002 s | 40960 bytes, 212 writes, 0 names | 0 | 1420 .. 1300 (120 taken back) |", md, StringComparison.Ordinal);
        Assert.Contains($"| {sample.Arms[1].Name} | broker | 1.5 s | 0 | n/a | nothing (the page cache kept it) | 0 | 1420 .. n/a |", md, StringComparison.Ordinal);
        Assert.Contains("Power losses", await File.ReadAllTextAsync(Path.Combine(_folder, HtmlExporter.FileName), TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Html_references_nothing_outside_itself_but_the_raw_files()
    {
        await WriteSampleAsync();

        var html = await File.ReadAllTextAsync(Path.Combine(_folder, HtmlExporter.FileName), TestContext.Current.CancellationToken);
        Assert.Contains("Offload the slow step", html, StringComparison.Ordinal);
        Assert.Contains("<td class=\"fail\">FAIL</td><td>98.04 ms</td>", html, StringComparison.Ordinal);
        Assert.Contains("<td class=\"pass\">PASS</td><td>7.4 ms</td>", html, StringComparison.Ordinal);
        // Every chart, and the headline's once more at the top.
        Assert.Equal(11, Regex.Matches(html, "src=\"data:image/png;base64,").Count);

        // The scripts are inline (uPlot and the chart script) and ask the network for nothing.
        var scripts = InlineScript().Matches(html).Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(scripts);
        Assert.All(scripts, script => Assert.DoesNotMatch("fetch\\(|XMLHttpRequest|import\\(|WebSocket|EventSource", script));
        // Base64 may hold "//" by chance, and a script's comments and namespaces hold it: look at the page without them.
        var page = DataUri().Replace(InlineScript().Replace(InlineStyle().Replace(html, "<style></style>"), "<script></script>"), "data:");
        Assert.DoesNotContain("http:", page, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("https:", page, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("//", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<link", page, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<script src", page, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("url(", page, StringComparison.OrdinalIgnoreCase);
        Assert.All(Regex.Matches(page, "src=\"([^\"]*)\"").Select(m => m.Groups[1].Value), src => Assert.Equal("data:", src));
        string[] allowed = ["results.json", "results.csv", "timeline.csv", "logs/", "rest.accept.hlog", "jetstream.accept.hlog", "jetstream.completion.hlog"];
        var hrefs = Regex.Matches(page, "href=\"([^\"]*)\"").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(allowed.Order(StringComparer.Ordinal), hrefs.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Rebuild_rewrites_every_report_from_results_json_and_the_logs()
    {
        await WriteSampleAsync();
        var md = await File.ReadAllTextAsync(Path.Combine(_folder, MarkdownExporter.FileName), TestContext.Current.CancellationToken);
        foreach (var file in new[] { "results.csv", "timeline.csv", "report.md", "report.html" })
        {
            File.Delete(Path.Combine(_folder, file));
        }

        Directory.Delete(Path.Combine(_folder, ChartFile.Folder), recursive: true);

        var outcome = await ReportSet.RebuildAsync(_folder, TestContext.Current.CancellationToken);

        Assert.Empty(outcome.Failed);
        Assert.Equal(md, await File.ReadAllTextAsync(Path.Combine(_folder, MarkdownExporter.FileName), TestContext.Current.CancellationToken));
        Assert.True(File.Exists(Path.Combine(_folder, "report.html")));
        Assert.True(File.Exists(Path.Combine(_folder, "charts/delivery.png")));
    }

    [Fact]
    public async Task A_chart_that_fails_is_reported_in_the_pages_and_the_others_are_kept()
    {
        var broken = ChartRenderer.Render(new ChartSpec("broken", "A broken chart", () => throw new InvalidOperationException("no data")), _folder, ChartStyle.Default);
        var fine = SweepChart.Write("fine", "Fine", "N", "ms", [new SweepSeries("a", [(1, 2), (2, 3)])], _folder);

        Assert.Equal("InvalidOperationException: no data", broken.Error);
        Assert.True(fine.Drawn);
        var context = new ReportContext(SampleRun.Results(), _folder, [broken, fine], []);
        Assert.Contains("*A broken chart: not drawn (InvalidOperationException: no data).*", MarkdownExporter.Render(context), StringComparison.Ordinal);
        Assert.Contains("A broken chart: not drawn (InvalidOperationException: no data).", await HtmlExporter.RenderAsync(context, TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_traced_arm_gets_a_traces_table_beside_its_untraced_twin_and_a_waterfall_of_its_typical_and_slowest_order()
    {
        SampleRun.WriteLogs(_folder, ["rest", "jetstream"], ["accept", "completion"]);
        var sample = SampleRun.Results();
        var results = sample with
        {
            Arms =
            [
                sample.Arms[0] with { CpuMsPerOrder = 2.5 },
                sample.Arms[1] with { CpuMsPerOrder = 2.75, Tracing = new ArmTracing("on", 3, 1, 3, new LatencySummary(6, 1, 1, 2, 3, 3, 3), 9, 3) },
            ],
        };
        // Three orders of 2, 5 and 9 ms, and a trace of the broker's own (no order) that is not an order's.
        var spans = new[] { 2.0, 5.0, 9.0 }.SelectMany((ms, i) => OrderTrace(new OrderId(1, i), ms))
            .Append(new CollectedSpan("0123456789abcdef0123456789abcdef", 99, 0, "$JS.API publish", "edge", "producer", 0, 50_000_000, null));
        await SpanFile.WriteAsync(Path.Combine(_folder, SpanFile.FileName("jetstream")), spans, TestContext.Current.CancellationToken);

        var outcome = await ReportSet.WriteAsync(results, _folder, TestContext.Current.CancellationToken);

        var md = await File.ReadAllTextAsync(Path.Combine(_folder, MarkdownExporter.FileName), TestContext.Current.CancellationToken);
        Assert.Contains("| rest | off | n/a | n/a | n/a | n/a | n/a | 2.50 |", md, StringComparison.Ordinal);
        Assert.Contains("| jetstream | on | 3 | 100.0 % | 3.00 | 1.00 ms | 3.00 ms | 2.75 |", md, StringComparison.Ordinal);
        var waterfall = Assert.Single(outcome.Charts, c => c.Name == "traces-jetstream");
        Assert.True(waterfall.Drawn, waterfall.Error);
        PngAssert.IsChart(Path.Combine(_folder, waterfall.PngPath), 1200, 600);
        var picked = TraceWaterfall.Pick(TraceWaterfall.OrderTraces(SpanFile.Read(Path.Combine(_folder, SpanFile.FileName("jetstream")))))!.Value;
        Assert.Equal((5.0, 9.0), (Length(picked.Typical), Length(picked.Slowest)));
    }

    private static double Length(IReadOnlyList<CollectedSpan> trace) => (trace.Max(s => s.EndUnixNs) - trace.Min(s => s.StartUnixNs)) / 1e6;

    /// <summary>An order's trace of three spans, the caller's id its trace id, lasting <paramref name="ms"/>.</summary>
    private static IEnumerable<CollectedSpan> OrderTrace(OrderId id, double ms)
    {
        var trace = $"{id.Nonce:x8}00000000{id.Seq:x16}";
        var start = 1_700_000_000_000_000_000L + (id.Seq * 1_000_000_000L);
        var end = start + (long)(ms * 1e6);
        yield return new CollectedSpan(trace, 1, 0xca11e70000000000UL, "POST /orders", "edge", "server", start, start + 1_000_000, null);
        yield return new CollectedSpan(trace, 2, 1, "orders.placed publish", "edge", "producer", start + 500_000, start + 600_000, null);
        yield return new CollectedSpan(trace, 3, 2, "step payment", "payment", "internal", end - 1_000_000, end, id.ToString());
    }

    private async Task<ReportOutcome> WriteSampleAsync()
    {
        SampleRun.WriteLogs(_folder, ["rest"], ["accept"]);
        SampleRun.WriteLogs(_folder, ["jetstream"], ["accept", "completion"], seed: 2);
        Directory.CreateDirectory(Path.Combine(_folder, "logs"));
        return await ReportSet.WriteAsync(SampleRun.Results(), _folder, TestContext.Current.CancellationToken);
    }

    [GeneratedRegex("data:[a-z/+]+;base64,[A-Za-z0-9+/=]+")]
    private static partial Regex DataUri();

    [GeneratedRegex("<script>(.*?)</script>", RegexOptions.Singleline)]
    private static partial Regex InlineScript();

    [GeneratedRegex("<style>(.*?)</style>", RegexOptions.Singleline)]
    private static partial Regex InlineStyle();
}
