using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;

namespace ArchLab.Integration.Tests.Reports;

/// <summary>
/// One page in headless Chromium, driven over the DevTools protocol: it collects every console error and uncaught
/// exception, evaluates expressions, clicks where an element is, and takes screenshots.
/// </summary>
public sealed class BrowserPage : IAsyncDisposable
{
    private readonly HeadlessChromium _browser;
    private readonly DevToolsSession _devTools;
    private readonly string _session;
    private readonly TaskCompletionSource _loaded = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private BrowserPage(HeadlessChromium browser, DevToolsSession devTools, string session)
    {
        _browser = browser;
        _devTools = devTools;
        _session = session;
    }

    /// <summary>Console errors, failed assertions, uncaught exceptions and error log entries so far.</summary>
    public ConcurrentQueue<string> Errors { get; } = new();

    /// <summary>Opens <paramref name="url"/> in a new browser, <paramref name="width"/> pixels wide, and waits for its load event.</summary>
    public static async Task<BrowserPage> OpenAsync(Uri url, CancellationToken ct, int width = 1300, int height = 1000)
    {
        var browser = await HeadlessChromium.StartAsync(ct);
        DevToolsSession? devTools = null;
        try
        {
            devTools = await DevToolsSession.ConnectAsync(browser.DevToolsUrl, ct);
            var target = await devTools.SendAsync("Target.createTarget", new JsonObject { ["url"] = "about:blank" }, cancellationToken: ct);
            var attached = await devTools.SendAsync("Target.attachToTarget", new JsonObject { ["targetId"] = target["targetId"]!.GetValue<string>(), ["flatten"] = true }, cancellationToken: ct);
            var page = new BrowserPage(browser, devTools, attached["sessionId"]!.GetValue<string>());
            devTools.OnEvent = page.OnEvent;
            foreach (var domain in new[] { "Runtime.enable", "Log.enable", "Page.enable" })
            {
                await devTools.SendAsync(domain, sessionId: page._session, cancellationToken: ct);
            }

            await devTools.SendAsync("Emulation.setDeviceMetricsOverride",
                new JsonObject { ["width"] = width, ["height"] = height, ["deviceScaleFactor"] = 1, ["mobile"] = false }, page._session, ct);
            await devTools.SendAsync("Page.navigate", new JsonObject { ["url"] = url.AbsoluteUri }, page._session, ct);
            await page._loaded.Task.WaitAsync(TimeSpan.FromSeconds(30), ct);
            return page;
        }
        catch
        {
            if (devTools is not null)
            {
                await devTools.DisposeAsync();
            }

            await browser.DisposeAsync();
            throw;
        }
    }

    /// <summary>The value of <paramref name="expression"/>, which must give a string (JSON.stringify what is not).</summary>
    public async Task<string> EvaluateAsync(string expression, CancellationToken ct)
    {
        var result = await _devTools.SendAsync("Runtime.evaluate", new JsonObject { ["expression"] = expression, ["returnByValue"] = true, ["awaitPromise"] = true }, _session, ct);
        Assert.Null(result["exceptionDetails"]);
        return result["result"]!["value"]!.GetValue<string>();
    }

    /// <summary>Waits until <paramref name="condition"/> (a boolean expression) is true, polling every 100 ms.</summary>
    public async Task WaitForAsync(string condition, TimeSpan limit, string what, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + limit;
        while (await EvaluateAsync($"String(!!({condition}))", ct) != "true")
        {
            Assert.True(DateTime.UtcNow < deadline, $"waited {limit.TotalSeconds:0} s for {what}");
            await Task.Delay(100, ct);
        }
    }

    /// <summary>A real mouse click (pressed and released) at the middle of the first element <paramref name="selector"/> finds.</summary>
    public async Task ClickAsync(string selector, CancellationToken ct)
    {
        var box = JsonNode.Parse(await EvaluateAsync(
            $"(() => {{ const e = document.querySelector({System.Text.Json.JsonSerializer.Serialize(selector)}); e.scrollIntoView(); const r = e.getBoundingClientRect(); return JSON.stringify({{ x: r.x + r.width / 2, y: r.y + r.height / 2 }}); }})()", ct))!;
        foreach (var type in new[] { "mousePressed", "mouseReleased" })
        {
            await _devTools.SendAsync("Input.dispatchMouseEvent", new JsonObject
            {
                ["type"] = type, ["x"] = box["x"]!.GetValue<double>(), ["y"] = box["y"]!.GetValue<double>(), ["button"] = "left", ["clickCount"] = 1,
            }, _session, ct);
        }
    }

    /// <summary>A PNG of the viewport, or of the whole page.</summary>
    public async Task<byte[]> ScreenshotAsync(CancellationToken ct, bool fullPage = false)
    {
        var parameters = new JsonObject { ["format"] = "png" };
        if (fullPage)
        {
            var height = double.Parse(await EvaluateAsync("String(document.documentElement.scrollHeight)", ct), CultureInfo.InvariantCulture);
            var width = double.Parse(await EvaluateAsync("String(document.documentElement.clientWidth)", ct), CultureInfo.InvariantCulture);
            parameters["captureBeyondViewport"] = true;
            parameters["clip"] = new JsonObject { ["x"] = 0, ["y"] = 0, ["width"] = width, ["height"] = height, ["scale"] = 1 };
        }

        var shot = await _devTools.SendAsync("Page.captureScreenshot", parameters, _session, ct);
        return Convert.FromBase64String(shot["data"]!.GetValue<string>());
    }

    /// <summary>Keeps <paramref name="png"/> with the test's results, under <paramref name="name"/>.</summary>
    public static async Task AttachAsync(string name, byte[] png, CancellationToken ct)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "TestResults", name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllBytesAsync(path, png, ct);
        TestContext.Current.AddAttachment(name, png, "image/png");
        TestContext.Current.TestOutputHelper?.WriteLine($"screenshot: {path}");
    }

    public async ValueTask DisposeAsync()
    {
        await _devTools.DisposeAsync();
        await _browser.DisposeAsync();
    }

    private void OnEvent(string method, JsonObject p, string? session)
    {
        switch (method)
        {
            case "Runtime.exceptionThrown":
                Errors.Enqueue("exception: " + p["exceptionDetails"]?.ToJsonString());
                break;
            case "Runtime.consoleAPICalled" when Text(p["type"]) is "error" or "assert":
                Errors.Enqueue("console: " + p["args"]?.ToJsonString());
                break;
            case "Log.entryAdded" when Text(p["entry"]?["level"]) == "error":
                Errors.Enqueue("log: " + p["entry"]?.ToJsonString());
                break;
            case "Page.loadEventFired":
                _loaded.TrySetResult();
                break;
        }
    }

    private static string? Text(JsonNode? node) => node?.GetValue<string>();
}
