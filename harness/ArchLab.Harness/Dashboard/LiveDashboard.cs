using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using ArchLab.Harness.Model.Results;
using ArchLab.Harness.Model.Scenarios;
using ArchLab.Harness.Orchestration;
using ArchLab.Reports.Charts;
using ArchLab.Reports.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ArchLab.Harness.Dashboard;

/// <summary>
/// A run's live dashboard: a page on loopback that shows every arm's rates, accept p99, errors, backlog, phase and the
/// fault windows as they open and close, pushed to the page as server-sent events (<c>/events</c>) as often as the arms
/// report (four times a second with a dashboard). A page that connects late gets everything so far first. After the
/// run it shows the final state and serves the run's report at <c>/report</c>. The charts are uPlot, from the npm
/// registry, served from where it is installed.
/// </summary>
public sealed class LiveDashboard : IProgress<ArmProgress>, IAsyncDisposable
{
    /// <summary>How often the arms report with a dashboard watching.</summary>
    public static readonly TimeSpan ProgressEvery = TimeSpan.FromMilliseconds(250);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly WebApplication _app;
    private JsonObject _init = new() { ["title"] = "waiting for a run", ["claim"] = "", ["arms"] = new JsonArray() };
    private readonly Lock _gate = new();
    private readonly List<string> _history = [];
    private readonly ConcurrentDictionary<Channel<string>, bool> _clients = new();
    private readonly Dictionary<string, HashSet<string>> _openFaults = new(StringComparer.Ordinal);
    private string? _reportPath;

    private LiveDashboard(WebApplication app)
    {
        _app = app;
        Address = new Uri(app.Urls.First());
    }

    /// <summary>Where the page is, e.g. <c>http://127.0.0.1:41237/</c>.</summary>
    public Uri Address { get; }

    /// <summary>Progress events sent so far (each to every page connected).</summary>
    public int Events
    {
        get
        {
            lock (_gate)
            {
                return _history.Count;
            }
        }
    }

    /// <param name="port">The loopback port; 0 lets the system choose.</param>
    /// <exception cref="FileNotFoundException">uPlot is not installed; the message says how to install it.</exception>
    public static async Task<LiveDashboard> StartAsync(int port, CancellationToken cancellationToken)
    {
        var uplotScript = WebPackages.Require(WebPackages.UPlotScript, "the live dashboard");
        var uplotCss = WebPackages.Require(WebPackages.UPlotCss, "the live dashboard");
        var app = Processes.LoopbackWebHost.Build(port);
        LiveDashboard? dashboard = null;
        var folder = Path.Combine(AppContext.BaseDirectory, "Dashboard", "page");
        app.MapGet("/", () => TypedResults.PhysicalFile(Path.Combine(folder, "dashboard.html"), "text/html; charset=utf-8"));
        app.MapGet("/dashboard.js", () => TypedResults.PhysicalFile(Path.Combine(folder, "dashboard.js"), "text/javascript; charset=utf-8"));
        app.MapGet("/uplot.js", () => TypedResults.PhysicalFile(uplotScript, "text/javascript; charset=utf-8"));
        app.MapGet("/uplot.css", () => TypedResults.PhysicalFile(uplotCss, "text/css; charset=utf-8"));
        app.MapGet("/archlab-charts.js", () => TypedResults.Text(InteractiveCharts.Script, "text/javascript; charset=utf-8"));
        app.MapGet("/events", (HttpContext context) => dashboard!.StreamAsync(context));
        app.MapGet("/report", () => dashboard!._reportPath is { } report && File.Exists(report)
            ? TypedResults.PhysicalFile(report, "text/html; charset=utf-8")
            : (IResult)TypedResults.NotFound("the report is written when the run ends"));
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        dashboard = new LiveDashboard(app);
        return dashboard;
    }

    /// <summary>A run of <paramref name="scenario"/> begins: the page starts over with its title, claim and arms.</summary>
    public void Begin(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var arms = new JsonArray();
        foreach (var (arm, index) in scenario.RunArms().Select((a, i) => (a, i)))
        {
            arms.Add(new JsonObject { ["name"] = arm.Name, ["style"] = arm.Transport?.Transport ?? arm.Style, ["color"] = ArmPalette.HexOf(index) });
        }

        var init = new JsonObject { ["scenario"] = scenario.Name, ["title"] = scenario.Title, ["claim"] = scenario.Claim, ["arms"] = arms };
        lock (_gate)
        {
            _init = init;
            _history.Clear();
            _openFaults.Clear();
            _reportPath = null;
            foreach (var client in _clients.Keys)
            {
                client.Writer.TryWrite(Event("init", init));
            }
        }
    }

    public void Report(ArmProgress value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var faults = new JsonArray();
        lock (_gate)
        {
            // A window opens when it first shows among the arm's open faults, and closes when it leaves them.
            var open = _openFaults.TryGetValue(value.Arm, out var was) ? was : _openFaults[value.Arm] = new(StringComparer.Ordinal);
            var now = value.OpenFaults?.ToHashSet(StringComparer.Ordinal) ?? [];
            foreach (var opened in now.Except(open))
            {
                faults.Add(new JsonObject { ["label"] = opened, ["open"] = true });
            }

            foreach (var closed in open.Except(now))
            {
                faults.Add(new JsonObject { ["label"] = closed, ["open"] = false });
            }

            _openFaults[value.Arm] = now;
        }

        Publish("progress", new JsonObject
        {
            ["arm"] = value.Arm,
            ["phase"] = value.Phase.ToString().ToLowerInvariant(),
            ["t"] = Math.Round(value.Elapsed.TotalSeconds, 3),
            ["planned"] = value.PlannedTotal.TotalSeconds,
            ["offered"] = value.Offered,
            ["accepted"] = value.Accepted,
            ["errors"] = value.Errors,
            ["completed"] = value.Completed,
            ["offeredPerSec"] = Math.Round(value.OfferedPerSec, 2),
            ["acceptedPerSec"] = Math.Round(value.AcceptedPerSec, 2),
            ["completedPerSec"] = value.CompletedPerSec is { } c ? Math.Round(c, 2) : null,
            ["errorsPerSec"] = Math.Round(value.ErrorsPerSec, 2),
            ["acceptP99"] = value.AcceptP99Ms,
            ["backlog"] = value.Backlog,
            ["openFaults"] = new JsonArray([.. (value.OpenFaults ?? []).Select(f => (JsonNode)f)]),
            ["faultChanges"] = faults,
        });
    }

    /// <summary>The run is over: the page shows how it ended and links the report, which it serves from now on.</summary>
    public void Complete(RunResults results, string runFolder)
    {
        ArgumentNullException.ThrowIfNull(results);
        _reportPath = Path.Combine(runFolder, "report.html");
        Publish("done", new JsonObject
        {
            ["holds"] = results.Holds(),
            ["headline"] = results.Headline?.Text,
            ["held"] = results.DecidingArms().Sum(a => a.Expectations.Count(e => e.Passed)),
            ["expectations"] = results.DecidingArms().Sum(a => a.Expectations.Count),
            ["report"] = "/report",
            ["folder"] = runFolder,
        });
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients.Keys)
        {
            client.Writer.TryComplete();
        }

        await _app.DisposeAsync();
    }

    private void Publish(string kind, JsonObject data)
    {
        var line = Event(kind, data);
        lock (_gate)
        {
            _history.Add(line);
            foreach (var client in _clients.Keys)
            {
                client.Writer.TryWrite(line);
            }
        }
    }

    private static string Event(string kind, JsonNode data) => $"event: {kind}\ndata: {data.ToJsonString(Json)}\n\n";

    private async Task StreamAsync(HttpContext context)
    {
        context.Response.Headers.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache";
        var channel = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
        string[] backlog;
        lock (_gate)
        {
            // Everything so far, then what comes: a page that connects late, or again, misses nothing.
            backlog = [Event("init", _init), .. _history];
            _clients[channel] = true;
        }

        try
        {
            foreach (var line in backlog)
            {
                await context.Response.WriteAsync(line, context.RequestAborted);
            }

            await context.Response.Body.FlushAsync(context.RequestAborted);
            await foreach (var line in channel.Reader.ReadAllAsync(context.RequestAborted))
            {
                await context.Response.WriteAsync(line, context.RequestAborted);
                await context.Response.Body.FlushAsync(context.RequestAborted);
            }
        }
        catch (OperationCanceledException)
        {
            // The page went away.
        }
        finally
        {
            _clients.TryRemove(channel, out _);
        }
    }
}
