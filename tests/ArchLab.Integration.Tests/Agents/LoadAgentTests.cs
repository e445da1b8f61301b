using System.Collections.Concurrent;
using System.Text.Json;
using ArchLab.Harness.Agents;
using ArchLab.Harness.Broker;
using ArchLab.Harness.Orchestration;
using ArchLab.Harness.Processes;
using ArchLab.Integration.Tests.Fixtures;
using ArchLab.Load;
using ArchLab.Load.Recording;
using ArchLab.Load.Targets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ArchLab.Integration.Tests.Agents;

[Collection(ArmProcesses.Name)]
/// <summary>
/// Load agents on loopback: real agent loops on a real nats-server, driving a real HTTP endpoint that keeps every
/// order number it is sent. What the agents report, merged, is checked against what the endpoint saw.
/// </summary>
public sealed class LoadAgentTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static string Binary => NatsServerLocator.Find() ?? throw new InvalidOperationException("nats-server is required by the integration tests (./archlab test installs it)");

    private static readonly LoadOptions Load = new()
    {
        Model = LoadModel.Open,
        Arrival = ArrivalProcess.Poisson,
        RatePerSec = 100,
        Duration = TimeSpan.FromSeconds(3),
        Warmup = TimeSpan.FromSeconds(1),
        Timeout = TimeSpan.FromSeconds(2),
        Interval = TimeSpan.FromSeconds(1),
    };

    [Fact]
    public async Task Two_agents_share_the_load_and_their_merged_figures_are_what_the_target_saw()
    {
        using var folder = new TempFolder("agents");
        await using var control = await LocalNatsServer.StartAsync(Binary, Path.Combine(folder.Path, "store"), Path.Combine(folder.Path, "nats.log"), Cancel);
        await using var target = await OrdersEndpoint.StartAsync();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
        var agents = await InProcessAgents.StartAsync(control.ClientUrl, ["a1", "a2"], stop.Token);
        await using var pool = await AgentPool.ConnectAsync(control.ClientUrl, 2, Cancel);

        var run = await pool.StartAsync("arm", Load, new AgentTarget(target.Url, 7, 64, Traceparent: false), null, Cancel);
        var report = await run.FinishAsync(folder.Path, Cancel);

        Assert.All(run.Shares, s => Assert.Null(s.Problem));
        var all = run.Shares.Sum(s => s.Done!.Counts.Offered + s.Done.WarmupCounts.Offered);
        // Both agents sent about half (Poisson at 50/s each over 4 s: 200, within 4 standard deviations).
        Assert.All(run.Shares, s => Assert.InRange(s.Done!.Counts.Offered + s.Done.WarmupCounts.Offered, 200 - 57, 200 + 57));
        // Every order the endpoint saw once, with one run's numbers: the merged caller log holds each, on this clock.
        var calls = CallLog.Read(report.Files.CallLog!).ToList();
        Assert.Equal(all, calls.Count);
        Assert.Equal(calls.Count, calls.Select(c => c.Seq).Distinct().Count());
        Assert.Equal(target.Seqs.Order(), calls.Where(c => c.Kind == OutcomeKind.Accepted).Select(c => c.Seq).Order());
        Assert.Equal(report.Counts.Accepted, report.Latency.Accept.TotalCount);
        Assert.Equal(report.Counts.Accepted, calls.Count(c => c.Kind == OutcomeKind.Accepted && !c.Warmup));
        Assert.All(calls, c => Assert.InRange(c.Done - c.Intended, 0, System.Diagnostics.Stopwatch.Frequency * 2));
        Assert.True(Math.Abs(calls.Where(c => !c.Warmup).Min(c => c.Intended) - report.MeasureStartTimestamp) < System.Diagnostics.Stopwatch.Frequency / 10,
            "the merged requests of the measured window start at its start, on this machine's clock");
        Assert.Equal(report.Counts.Offered, report.Timeline.Sum(t => t.Offered));
        await stop.CancelAsync();
        await Task.WhenAll(agents);
    }

    [Fact]
    public async Task A_run_on_two_agents_checks_its_books_against_every_order_either_agent_sent()
    {
        using var folder = new TempFolder("agents-run");
        await using var control = await LocalNatsServer.StartAsync(Binary, Path.Combine(folder.Path, "control"), Path.Combine(folder.Path, "control.log"), Cancel);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
        var agents = await InProcessAgents.StartAsync(control.ClientUrl, ["b1", "b2"], stop.Token);
        await using var pool = await AgentPool.ConnectAsync(control.ClientUrl, 2, Cancel);

        var results = await folder.RunAsync(SmallScenario.For(ArchLab.Contracts.Workflow.Styles.Rest), new RunOptions { Agents = pool });

        var arm = Assert.Single(results.Arms);
        Assert.Equal(["b1", "b2"], arm.Agents!.Select(a => a.Name));
        Assert.All(arm.Agents!, a => Assert.True(a.Accepted > 0 && a.Problem is null, $"{a.Name}: {a.Accepted} accepted, {a.Problem}"));
        Assert.Equal(arm.Counts.Accepted, arm.Agents!.Sum(a => a.Accepted));
        // The ledgers' orders are the merged caller log's: none unexpected, none lost.
        Assert.True(arm.Accounting!.AddsUp, arm.Accounting.Detail);
        Assert.Equal(0, arm.Delivery!.Unexpected);
        Assert.Equal(arm.Counts.Accepted, arm.Delivery.Ok);
        await stop.CancelAsync();
        await Task.WhenAll(agents);
    }

    [Fact]
    public async Task A_run_is_refused_when_fewer_agents_answer_than_it_wants_and_the_refusal_names_them()
    {
        using var folder = new TempFolder("agents-missing");
        await using var control = await LocalNatsServer.StartAsync(Binary, Path.Combine(folder.Path, "store"), Path.Combine(folder.Path, "nats.log"), Cancel);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
        var agents = await InProcessAgents.StartAsync(control.ClientUrl, ["only"], stop.Token);

        var refused = await Assert.ThrowsAsync<AgentsUnavailableException>(() => AgentPool.ConnectAsync(control.ClientUrl, 2, Cancel));

        Assert.Contains("2 load agent(s) wanted", refused.Message);
        Assert.Contains("1 ready", refused.Message);
        Assert.Contains("only on", refused.Message);
        await stop.CancelAsync();
        await Task.WhenAll(agents);

        var none = await Assert.ThrowsAsync<AgentsUnavailableException>(() => AgentPool.ConnectAsync(control.ClientUrl, 1, Cancel));
        Assert.Contains("none answered", none.Message);
        Assert.Contains("./archlab agent --nats-url", none.Message);
    }

    [Fact]
    public async Task An_agent_killed_mid_run_is_marked_and_the_other_agents_share_is_kept()
    {
        using var folder = new TempFolder("agents-killed");
        await using var target = await OrdersEndpoint.StartAsync();
        // Real agent processes (archlab agent), so that one can die as a process dies: SIGKILL, by its pid.
        await using var agents = await LocalAgents.StartAsync(2, folder.Path, Cancel,
            (ServiceHostLocator.Dotnet(), [Path.Combine(AppContext.BaseDirectory, "archlab.dll")]));
        await using var pool = await AgentPool.ConnectAsync(agents.Url, 2, Cancel);

        var run = await pool.StartAsync("arm", Load with { Duration = TimeSpan.FromSeconds(4) }, new AgentTarget(target.Url, 7, 64, Traceparent: false), null, Cancel);
        await Eventually.TrueAsync(() => target.Seqs.Count(s => s % 2 == 1) > 25, TimeSpan.FromSeconds(20), "the second agent sending");
        Assert.True(Signals.Send(agents.Pids[1], Signal.Kill));
        var report = await run.FinishAsync(folder.Path, Cancel);

        var dead = run.Shares.Single(s => s.Agent.Name == "local-2");
        Assert.Contains("went silent", dead.Problem, StringComparison.Ordinal);
        var alive = run.Shares.Single(s => s.Agent.Name == "local-1");
        Assert.Null(alive.Problem);
        Assert.Equal(alive.Done!.Counts, report.Counts);
        Assert.All(CallLog.Read(report.Files.CallLog!), c => Assert.Equal(0, c.Seq % 2));
    }

    /// <summary>POST /orders on loopback: answers 202 and keeps the order number of every body.</summary>
    private sealed class OrdersEndpoint : IAsyncDisposable
    {
        private readonly WebApplication _app;

        private OrdersEndpoint(WebApplication app) => _app = app;

        public ConcurrentBag<long> Seqs { get; } = [];

        public Uri Url => new(new Uri(_app.Urls.First()), "/orders");

        public static async Task<OrdersEndpoint> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            var app = builder.Build();
            var endpoint = new OrdersEndpoint(app);
            app.MapPost("/orders", async (HttpRequest request) =>
            {
                using var body = await JsonDocument.ParseAsync(request.Body);
                var id = body.RootElement.GetProperty("id").GetString()!;
                endpoint.Seqs.Add(long.Parse(id[(id.LastIndexOf('-') + 1)..], System.Globalization.CultureInfo.InvariantCulture));
                return Results.Accepted();
            });
            await app.StartAsync();
            return endpoint;
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
