using System.Globalization;
using ArchLab.Contracts.Messages;
using ArchLab.Contracts.Workflow;
using ArchLab.Harness.Broker;
using ArchLab.Harness.Links;
using ArchLab.Harness.Model.Results;
using ArchLab.Harness.Model.Scenarios;
using ArchLab.Harness.Processes;
using ArchLab.Load.Recording;
using ArchLab.Load.Targets;

namespace ArchLab.Harness.Devices;

/// <summary>
/// An arm's devices: headless Chromium holding its pages open, served by the harness on loopback. Started before the
/// load, once every page is subscribed or has had its first poll answered; after the drain, waited on until every
/// update is shown or none comes any more; then the browser is stopped by its pid.
/// </summary>
public sealed class DeviceFleet : IAsyncDisposable
{
    private readonly DevicePageServer _server;
    private readonly ChildProcess _browser;
    private readonly string _profile;

    private DeviceFleet(DevicesSpec spec, DevicePageServer server, ChildProcess browser, string profile)
    {
        Spec = spec;
        _server = server;
        _browser = browser;
        _profile = profile;
    }

    public DevicesSpec Spec { get; }

    /// <summary>The browser's pid (a moving part of the arm).</summary>
    public int BrowserPid => _browser.Pid;

    public IReadOnlyList<PageLog> Pages => _server.Pages;

    /// <summary>Page reports the server could not read.</summary>
    public long MalformedReports => _server.Malformed;

    /// <param name="webSocket">Pushed pages: the broker's WebSocket listener, as the pages reach it (through the fault proxy where a fault names devices->broker).</param>
    /// <param name="edge">Polling pages: the edge, as the pages reach it.</param>
    public static async Task<DeviceFleet> StartAsync(DevicesSpec spec, Uri? webSocket, Uri? edge, string logFolder, CancellationToken cancellationToken)
    {
        var natsClient = PageAssets.NatsClient();
        var browser = PageAssets.Browser();
        var server = await DevicePageServer.StartAsync(spec.Pages, natsClient, cancellationToken);
        var profile = Directory.CreateTempSubdirectory("archlab-chromium-").FullName;
        ChildProcess? process = null;
        try
        {
            var query = new Dictionary<string, string>
            {
                ["pages"] = spec.Pages.ToString(CultureInfo.InvariantCulture),
                ["via"] = spec.ViaName,
                ["every"] = ((long)spec.Every.TotalMilliseconds).ToString(CultureInfo.InvariantCulture),
                ["stream"] = Subjects.DevicesStream,
            };
            if (spec.Pushed)
            {
                query["ws"] = (webSocket ?? throw new InvalidOperationException("pushed pages need the broker's WebSocket listener")).ToString();
            }
            else
            {
                query["edge"] = (edge ?? throw new InvalidOperationException("polling pages need the edge")).ToString().TrimEnd('/');
            }

            process = await ChildProcess.StartAsync(
                new ChildSpec("chromium", browser, [.. BrowserArguments(profile), server.PagesUrl(query).ToString()], Path.Combine(logFolder, "chromium.log")),
                cancellationToken);
            var ready = await Task.WhenAny(server.AllReady, process.Exited, Task.Delay(TimeSpan.FromSeconds(30), cancellationToken));
            if (ready != server.AllReady)
            {
                cancellationToken.ThrowIfCancellationRequested();
                throw new ChildProcessException(ready == process.Exited
                    ? $"chromium exited with code {process.ExitCode} before its {spec.Pages} pages were ready; see {Path.Combine(logFolder, "chromium.log")}"
                    : $"the {spec.Pages} device pages were not ready within 30 s ({server.Pages.Count} reported); see {Path.Combine(logFolder, "chromium.log")}");
            }

            await server.AllReady; // a page that failed says why
            return new DeviceFleet(spec, server, process, profile);
        }
        catch
        {
            if (process is not null)
            {
                await process.DisposeAsync();
            }

            await server.DisposeAsync();
            TryDelete(profile);
            throw;
        }
    }

    /// <summary>
    /// Opens an arm's device pages, each reaching the broker's WebSocket listener (pushed) or the edge (polling) through
    /// the fault proxy where a fault names that link.
    /// </summary>
    public static async Task<DeviceFleet> OpenAsync(
        DevicesSpec spec, IBroker? broker, Uri edge, ILinkRouter links, string logFolder, CancellationToken cancellationToken)
    {
        if (!spec.Pushed)
        {
            return await StartAsync(spec, webSocket: null, await links.RouteAsync(LinkTopology.Devices, Roles.Edge, edge, cancellationToken), logFolder, cancellationToken);
        }

        var webSocket = broker?.WebSocketUrl is { } ws
            ? await links.RouteAsync(LinkTopology.Devices, LinkTopology.Broker, new Uri(ws), cancellationToken)
            : throw new NotSupportedException("pushed device pages need the WebSocket listener of a nats-server the harness starts");
        return await StartAsync(spec, webSocket, edge: null, logFolder, cancellationToken);
    }

    /// <summary>
    /// Waits for the pages to show what the notify step (its <paramref name="ledger"/>) did for the measured window's
    /// accepted orders, then figures what they saw.
    /// </summary>
    public async Task<ArmDevices> FinishAsync(
        string ledger, ushort step, IEnumerable<CallRecord> calls, uint nonce, (long Start, long End) window, CancellationToken cancellationToken)
    {
        var measured = calls.Where(c => !c.Warmup && c.Kind == OutcomeKind.Accepted).Select(c => new OrderId(nonce, c.Seq)).ToHashSet();
        var effects = DeviceFigures.Effects(ledger, step, measured);
        // A pushed update arrives within milliseconds, a polled one within a poll: past that with nothing new, the rest is missed.
        var quiet = (Spec.Pushed ? TimeSpan.Zero : Spec.Every) + TimeSpan.FromSeconds(1);
        await SettleAsync(() => DeviceFigures.AllShown(Pages, effects.Keys), quiet, quiet + TimeSpan.FromSeconds(10), cancellationToken);
        return DeviceFigures.Of(Spec, Pages, effects, window, DeviceFigures.EpochOffsetMs());
    }

    /// <summary>
    /// Waits until <paramref name="allShown"/> says the pages showed every update, or none came for <paramref name="quiet"/>
    /// (a missed update never comes), at most <paramref name="limit"/>.
    /// </summary>
    private async Task SettleAsync(Func<bool> allShown, TimeSpan quiet, TimeSpan limit, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + limit;
        var last = _server.Shown;
        var lastChange = DateTime.UtcNow;
        while (!allShown() && DateTime.UtcNow < deadline && DateTime.UtcNow - lastChange < quiet)
        {
            await Task.Delay(50, cancellationToken);
            if (_server.Shown != last)
            {
                (last, lastChange) = (_server.Shown, DateTime.UtcNow);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        await _server.DisposeAsync();
        TryDelete(_profile);
    }

    // Background pages and frames keep their timers: a polling page polls on time, a pushed one reports on time.
    private static string[] BrowserArguments(string profile) =>
    [
        "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run", "--no-default-browser-check", "--disable-extensions",
        "--disable-background-timer-throttling", "--disable-renderer-backgrounding", "--disable-backgrounding-occluded-windows",
        "--disable-dev-shm-usage", "--mute-audio", $"--user-data-dir={profile}",
    ];

    private static void TryDelete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A file the browser still held; it is in the temp folder.
        }
    }
}
