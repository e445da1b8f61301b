using System.Text.Json.Nodes;
using ArchLab.Reports;
using ArchLab.Unit.Tests.Reports;

namespace ArchLab.Integration.Tests.Reports;

/// <summary>report.html opened from disk by a real headless browser: it renders with no error, leads with the headline, and its charts answer the reader.</summary>
public sealed class ReportBrowserTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("archlab-report-browser-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Report_html_opens_from_disk_with_no_console_error_every_image_loaded_and_the_headline_first()
    {
        var ct = TestContext.Current.CancellationToken;
        SampleRun.WriteLogs(_folder, ["rest", "jetstream"], ["accept", "completion"]);
        var outcome = await ReportSet.WriteAsync(SampleRun.Results(), _folder, ct);
        Assert.Empty(outcome.Failed);

        await using var page = await BrowserPage.OpenAsync(new Uri(Path.Combine(_folder, "report.html")), ct);
        var state = JsonNode.Parse(await page.EvaluateAsync("""
            JSON.stringify({
              images: document.images.length,
              broken: Array.from(document.images).filter(i => !i.complete || i.naturalWidth === 0).map(i => i.alt),
              key: document.querySelectorAll('.arms svg').length,
              title: document.querySelector('h1').textContent,
              first: document.querySelector('h1 ~ section, h1 ~ h2, h1 ~ table').id,
              headline: document.querySelector('#headline .sentence').textContent,
              headlineChart: document.querySelector('#headline figure').id
            })
            """, ct))!;

        Assert.Equal("Offload the slow step", state["title"]!.GetValue<string>());
        Assert.Equal("headline", state["first"]!.GetValue<string>());
        Assert.StartsWith("jetstream answers in 7.4 ms at p99 where rest takes 98 ms", state["headline"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("bars-accept", state["headlineChart"]!.GetValue<string>());
        // Every chart once, and the headline's once more at the top.
        Assert.Equal(outcome.Charts.Count + 1, state["images"]!.GetValue<int>());
        Assert.Empty(state["broken"]!.AsArray());
        Assert.Equal(2, state["key"]!.GetValue<int>()); // the arm colour key, one swatch per arm
        Assert.True(page.Errors.IsEmpty, "console errors: " + string.Join(" | ", page.Errors));
        var png = await page.ScreenshotAsync(ct, fullPage: true);
        await BrowserPage.AttachAsync("report-browser.png", png, ct);
        Assert.True(png.Length > 10_000, $"the screenshot is only {png.Length} bytes");
    }

    [Fact]
    public async Task The_report_s_timelines_are_interactive_charts_and_a_click_on_an_arm_switches_it_off_in_every_one()
    {
        var ct = TestContext.Current.CancellationToken;
        var outcome = await ReportSet.WriteAsync(SampleRun.Results(), _folder, ct);
        Assert.Empty(outcome.Failed);

        await using var page = await BrowserPage.OpenAsync(new Uri(Path.Combine(_folder, "report.html")), ct);
        var charts = int.Parse(await page.EvaluateAsync("String(document.querySelectorAll('#timelines .uplot canvas').length)", ct), System.Globalization.CultureInfo.InvariantCulture);
        // Offered, accepted, completed, errors, accept p99, completion p99 and backlog: the sample has them all.
        Assert.Equal(7, charts);
        const string JetstreamOff = "Array.from(document.querySelectorAll('#timelines .u-legend')).map(l => l.querySelectorAll('.u-series')[2].classList.contains('u-off'))";
        Assert.Equal("[false,false,false,false,false,false,false]", await page.EvaluateAsync($"JSON.stringify({JetstreamOff})", ct));

        // The first chart's legend: t, rest, jetstream. A click on jetstream switches it off there and in the six others.
        await page.ClickAsync("#timelines .u-legend .u-series:nth-child(3) .u-label", ct);

        await page.WaitForAsync($"{JetstreamOff}.every(off => off)", TimeSpan.FromSeconds(5), "jetstream switched off in every chart", ct);
        Assert.True(page.Errors.IsEmpty, "console errors: " + string.Join(" | ", page.Errors));
        await BrowserPage.AttachAsync("report-interactive.png", await page.ScreenshotAsync(ct, fullPage: true), ct);
    }
}
