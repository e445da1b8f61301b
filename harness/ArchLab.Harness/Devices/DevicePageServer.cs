using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ArchLab.Harness.Devices;

/// <summary>
/// Serves the device pages on loopback and takes what they report: each page says when it is ready (subscribed, or
/// answered by its first poll), then every 100 ms the orders it showed, the requests it sent and its connection's
/// events. A page that fails to start says why, and the arm fails with that.
/// </summary>
public sealed class DevicePageServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<int, PageLog> _pages = new();
    private readonly ConcurrentDictionary<int, bool> _ready = new();
    private readonly TaskCompletionSource _allReady = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly int _expected;
    private long _malformed;

    private DevicePageServer(WebApplication app, int pages)
    {
        _app = app;
        _expected = pages;
        BaseAddress = new Uri(app.Urls.First());
    }

    public Uri BaseAddress { get; }

    /// <summary>Completes when every page is ready; faults when one says it failed.</summary>
    public Task AllReady => _allReady.Task;

    /// <summary>Reports that could not be read (counted, never silently dropped).</summary>
    public long Malformed => Interlocked.Read(ref _malformed);

    /// <summary>Updates shown by all pages so far.</summary>
    public long Shown => _pages.Values.Sum(p => (long)p.ShownCount);

    /// <summary>Every page's log, by page number.</summary>
    public IReadOnlyList<PageLog> Pages => [.. _pages.Values.OrderBy(p => p.Page)];

    public static async Task<DevicePageServer> StartAsync(int pages, string natsClient, CancellationToken cancellationToken)
    {
        var app = Processes.LoopbackWebHost.Build();
        DevicePageServer? server = null;
        var folder = PageAssets.PagesFolder;
        app.MapGet("/", () => TypedResults.PhysicalFile(Path.Combine(folder, "index.html"), "text/html; charset=utf-8"));
        app.MapGet("/device.html", () => TypedResults.PhysicalFile(Path.Combine(folder, "device.html"), "text/html; charset=utf-8"));
        app.MapGet("/device.js", () => TypedResults.PhysicalFile(Path.Combine(folder, "device.js"), "text/javascript; charset=utf-8"));
        app.MapGet("/nats.js", () => TypedResults.PhysicalFile(natsClient, "text/javascript; charset=utf-8"));
        app.MapPost("/ready", (HttpRequest request) => server!.OnAsync(request, server.Ready));
        app.MapPost("/report", (HttpRequest request) => server!.OnAsync(request, server.Report));
        app.MapPost("/failed", (HttpRequest request) => server!.OnAsync(request, server.Failed));
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        server = new DevicePageServer(app, pages);
        return server;
    }

    private async Task<IResult> OnAsync(HttpRequest request, Action<int, JsonElement> handle)
    {
        try
        {
            using var json = await JsonDocument.ParseAsync(request.Body);
            var page = json.RootElement.GetProperty("page").GetInt32();
            if (page < 0 || page >= _expected)
            {
                throw new FormatException($"page {page} is not one of 0..{_expected - 1}");
            }

            handle(page, json.RootElement);
            return Microsoft.AspNetCore.Http.Results.NoContent();
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            Interlocked.Increment(ref _malformed);
            return Microsoft.AspNetCore.Http.Results.Problem(e.Message, statusCode: StatusCodes.Status400BadRequest, title: "malformed page report");
        }
    }

    private PageLog LogOf(int page) => _pages.GetOrAdd(page, p => new PageLog { Page = p });

    private void Ready(int page, JsonElement body)
    {
        LogOf(page);
        if (_ready.TryAdd(page, true) && _ready.Count == _expected)
        {
            _allReady.TrySetResult();
        }
    }

    private void Failed(int page, JsonElement body) =>
        _allReady.TrySetException(new InvalidOperationException(
            $"device page {page} failed: {(body.TryGetProperty("error", out var error) ? error.GetString() : "no reason given")}"));

    private void Report(int page, JsonElement body)
    {
        var shown = body.GetProperty("shown").EnumerateArray().Select(e => new ShownUpdate(e[0].GetString() ?? "", e[1].GetDouble())).ToList();
        var requests = body.GetProperty("requests").EnumerateArray().Select(e => e.GetDouble()).ToList();
        var events = body.GetProperty("events").EnumerateArray().Select(e => (e[0].GetString() ?? "", e[1].GetDouble())).ToList();
        LogOf(page).Add(shown, requests, events);
    }

    /// <summary>The URL of the page that opens all <paramref name="query"/>'s pages in frames.</summary>
    public Uri PagesUrl(IReadOnlyDictionary<string, string> query) =>
        new(BaseAddress, "/?" + string.Join("&", query.Select(kv => $"{Uri.EscapeDataString(kv.Key)}={Uri.EscapeDataString(kv.Value)}")));

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
