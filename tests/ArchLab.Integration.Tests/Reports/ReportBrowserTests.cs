using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using ArchLab.Reports;
using ArchLab.Unit.Tests.Reports;

namespace ArchLab.Integration.Tests.Reports;

/// <summary>report.html opened from disk by a real headless browser: it must render with no error and every chart loaded.</summary>
public sealed class ReportBrowserTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("archlab-report-browser-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Report_html_opens_from_disk_with_no_console_error_and_every_image_loaded()
    {
        var ct = TestContext.Current.CancellationToken;
        SampleRun.WriteLogs(_folder, ["rest", "jetstream"], ["accept", "completion"]);
        var outcome = await ReportSet.WriteAsync(SampleRun.Results(), _folder, ct);
        Assert.Empty(outcome.Failed);

        await using var browser = await HeadlessChromium.StartAsync(ct);
        await using var devTools = await DevToolsSession.ConnectAsync(browser.DevToolsUrl, ct);
        var errors = new ConcurrentQueue<string>();
        var loaded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        devTools.OnEvent = (method, p, _) =>
        {
            switch (method)
            {
                case "Runtime.exceptionThrown":
                    errors.Enqueue("exception: " + p["exceptionDetails"]?.ToJsonString());
                    break;
                case "Runtime.consoleAPICalled" when Text(p["type"]) is "error" or "assert":
                    errors.Enqueue("console: " + p["args"]?.ToJsonString());
                    break;
                case "Log.entryAdded" when Text(p["entry"]?["level"]) == "error":
                    errors.Enqueue("log: " + p["entry"]?.ToJsonString());
                    break;
                case "Page.loadEventFired":
                    loaded.TrySetResult();
                    break;
            }
        };

        var target = await devTools.SendAsync("Target.createTarget", new JsonObject { ["url"] = "about:blank" }, cancellationToken: ct);
        var attached = await devTools.SendAsync("Target.attachToTarget", new JsonObject { ["targetId"] = target["targetId"]!.GetValue<string>(), ["flatten"] = true }, cancellationToken: ct);
        var session = attached["sessionId"]!.GetValue<string>();
        foreach (var domain in new[] { "Runtime.enable", "Log.enable", "Page.enable" })
        {
            await devTools.SendAsync(domain, sessionId: session, cancellationToken: ct);
        }

        await devTools.SendAsync("Emulation.setDeviceMetricsOverride",
            new JsonObject { ["width"] = 1300, ["height"] = 1000, ["deviceScaleFactor"] = 1, ["mobile"] = false }, session, ct);
        await devTools.SendAsync("Page.navigate", new JsonObject { ["url"] = new Uri(Path.Combine(_folder, "report.html")).AbsoluteUri }, session, ct);
        await loaded.Task.WaitAsync(TimeSpan.FromSeconds(30), ct);

        var state = await EvaluateAsync(devTools, session, """
            JSON.stringify({
              images: document.images.length,
              broken: Array.from(document.images).filter(i => !i.complete || i.naturalWidth === 0).map(i => i.alt),
              svgs: document.querySelectorAll('svg').length,
              title: document.querySelector('h1').textContent
            })
            """, ct);
        var page = JsonNode.Parse(state)!;

        Assert.Equal("Offload the slow step", page["title"]!.GetValue<string>());
        Assert.Equal(outcome.Charts.Count, page["images"]!.GetValue<int>());
        Assert.Empty(page["broken"]!.AsArray());
        Assert.Equal(2, page["svgs"]!.GetValue<int>()); // the arm colour key, one swatch per arm
        Assert.True(errors.IsEmpty, "console errors: " + string.Join(" | ", errors));

        var shot = await devTools.SendAsync("Page.captureScreenshot",
            new JsonObject { ["format"] = "png", ["captureBeyondViewport"] = true, ["clip"] = FullPage(await EvaluateAsync(devTools, session, "String(document.documentElement.scrollHeight)", ct)) }, session, ct);
        var png = Convert.FromBase64String(shot["data"]!.GetValue<string>());
        var path = Path.Combine(AppContext.BaseDirectory, "TestResults", "report-browser.png");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllBytesAsync(path, png, ct);
        TestContext.Current.AddAttachment("report-browser.png", png, "image/png");
        TestContext.Current.TestOutputHelper?.WriteLine($"screenshot: {path}");
        Assert.True(png.Length > 10_000, $"the screenshot is only {png.Length} bytes");
    }

    private static string? Text(JsonNode? node) => node?.GetValue<string>();

    private static JsonObject FullPage(string height) =>
        new() { ["x"] = 0, ["y"] = 0, ["width"] = 1300, ["height"] = double.Parse(height, System.Globalization.CultureInfo.InvariantCulture), ["scale"] = 1 };

    private static async Task<string> EvaluateAsync(DevToolsSession devTools, string session, string expression, CancellationToken ct)
    {
        var result = await devTools.SendAsync("Runtime.evaluate", new JsonObject { ["expression"] = expression, ["returnByValue"] = true }, session, ct);
        Assert.Null(result["exceptionDetails"]);
        return result["result"]!["value"]!.GetValue<string>();
    }
}
