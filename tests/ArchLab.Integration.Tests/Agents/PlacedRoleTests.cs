using ArchLab.Contracts.Ledger;
using ArchLab.Contracts.Workflow;
using ArchLab.Harness.Agents;
using ArchLab.Harness.Broker;
using ArchLab.Harness.Model.Scenarios.Loading;
using ArchLab.Harness.Orchestration;
using ArchLab.Harness.Processes;
using ArchLab.Integration.Tests.Fixtures;

namespace ArchLab.Integration.Tests.Agents;

[Collection(ArmProcesses.Name)]
/// <summary>
/// Roles placed on load agents (<c>run --place</c>): real agents on a real nats-server start the role from the service
/// host, the fault timeline reaches it through its agent, and its ledger comes back into the run folder for the books.
/// </summary>
public sealed class PlacedRoleTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static string Binary => NatsServerLocator.Find() ?? throw new InvalidOperationException("nats-server is required by the integration tests (./archlab test installs it)");

    [Fact]
    public async Task A_placed_step_runs_on_its_agent_a_kill_reaches_it_there_and_its_ledger_comes_back_for_the_books()
    {
        using var folder = new TempFolder("placed-rest");
        await using var control = await LocalNatsServer.StartAsync(Binary, Path.Combine(folder.Path, "control"), Path.Combine(folder.Path, "control.log"), Cancel);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
        var agents = await InProcessAgents.StartAsync(control.ClientUrl, ["load", "host-b"], stop.Token);
        await using var pool = await AgentPool.ConnectAsync(control.ClientUrl, 1, Cancel, new Dictionary<string, string> { ["payment"] = "host-b" });
        var scenario = ScenarioLoader.Parse(SmallScenario.Yaml([Styles.Rest], duration: "3s") + """

            faults:
              - { at: 1s, for: 1s, kill: payment }
            """, "small.yaml");

        var results = await folder.RunAsync(scenario, new RunOptions { Agents = pool });

        var arm = Assert.Single(results.Arms);
        var placed = Assert.Single(arm.Placed!);
        Assert.Equal(("payment", "host-b", Environment.MachineName), (placed.Role, placed.Agent, placed.Host));
        Assert.StartsWith("127.0.0.1:", placed.Address, StringComparison.Ordinal);
        // The kill reached the placed role through its agent: the edge's calls failed while it was down, and the role
        // came back on its port (two processes wrote its ledger).
        Assert.True(arm.Counts.Errors > 0, "the edge saw the placed payment step down");
        var ledger = new LedgerReader(Path.Combine(folder.Path, "ledgers", arm.Name, "payment.ledger")).Read().ToList();
        Assert.Equal(2, ledger.Select(r => r.Pid).Distinct().Count());
        Assert.True(arm.Accounting!.AddsUp, arm.Accounting.Detail);
        Assert.Equal((0L, 0L), (arm.Delivery!.Lost, arm.Delivery.Unexpected));
        Assert.Equal(arm.Counts.Accepted, arm.Delivery.Ok);
        Assert.Contains("payment ran on agent host-b", await File.ReadAllTextAsync(Path.Combine(folder.Path, "logs", arm.Name, "payment.log"), Cancel), StringComparison.Ordinal);
        await stop.CancelAsync();
        await Task.WhenAll(agents);
    }

    [Fact]
    public async Task A_placed_last_step_is_followed_by_its_agents_beats_and_its_completions_are_on_this_machines_clock()
    {
        using var folder = new TempFolder("placed-js");
        await using var control = await LocalNatsServer.StartAsync(Binary, Path.Combine(folder.Path, "control"), Path.Combine(folder.Path, "control.log"), Cancel);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
        var agents = await InProcessAgents.StartAsync(control.ClientUrl, ["load", "host-c"], stop.Token);
        await using var pool = await AgentPool.ConnectAsync(control.ClientUrl, 1, Cancel, new Dictionary<string, string> { ["notify"] = "host-c" });

        var results = await folder.RunAsync(SmallScenario.For(Styles.JetStream), new RunOptions { Agents = pool });

        var arm = Assert.Single(results.Arms);
        Assert.Equal("notify", Assert.Single(arm.Placed!).Role);
        Assert.True(arm.Accounting!.AddsUp, arm.Accounting.Detail);
        Assert.Equal(arm.Counts.Accepted, arm.Delivery!.Ok);
        // The drain ended on the agent's beats (the last step's ledger is on its side until the arm ends), well
        // before its 20 s bound; and completion, from the fetched ledger against the caller's clock, is a few ms.
        Assert.True(arm.Drain!.Seconds < 10, $"drained in {arm.Drain.Seconds} s");
        Assert.InRange(arm.LatencyMs.Completion!.P50, 1, 200);
    }

    [Fact]
    public async Task A_harness_killed_mid_arm_leaves_no_placed_role_running_on_its_agent()
    {
        using var folder = new TempFolder("placed-orphan");
        // A real agent process, and a real harness process to kill: nothing tells the agent that its coordinator died.
        await using var agents = await LocalAgents.StartAsync(1, folder.Path, Cancel,
            (ServiceHostLocator.Dotnet(), [Path.Combine(AppContext.BaseDirectory, "archlab.dll")]));
        var scenario = Path.Combine(folder.Path, "small.yaml");
        await File.WriteAllTextAsync(scenario, SmallScenario.Yaml([Styles.Rest], rate: "20/s", duration: "60s"), Cancel);
        var info = new System.Diagnostics.ProcessStartInfo(ServiceHostLocator.Dotnet()) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "archlab.dll"), "run", scenario, "--agents-url", agents.Url, "--place", "payment=local-1", "-q", "-o", Path.Combine(folder.Path, "run") })
        {
            info.ArgumentList.Add(argument);
        }

        using var harness = System.Diagnostics.Process.Start(info)!;
        harness.OutputDataReceived += (_, _) => { };
        harness.ErrorDataReceived += (_, _) => { };
        harness.BeginOutputReadLine();
        harness.BeginErrorReadLine();
        var agentLog = Path.Combine(folder.Path, "local-1.log");
        var pid = 0;
        await Eventually.TrueAsync(() => (pid = PlacedPid(agentLog)) > 0, TimeSpan.FromSeconds(90), "payment started on the agent");

        Assert.True(Signals.Send(harness.Id, Signal.Kill));
        await harness.WaitForExitAsync(Cancel);

        await Eventually.TrueAsync(() => !Directory.Exists($"/proc/{pid}"), RoleProtocol.Orphaned + TimeSpan.FromSeconds(20),
            $"payment (pid {pid}) stopped by its agent once the coordinator went silent");
        Assert.Contains("its coordinator has been silent", await File.ReadAllTextAsync(agentLog, Cancel), StringComparison.Ordinal);
    }

    /// <summary>The pid of payment's process from the agent's log line, once it is there.</summary>
    private static int PlacedPid(string agentLog)
    {
        if (!File.Exists(agentLog))
        {
            return 0;
        }

        using var stream = new FileStream(agentLog, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        var line = new StreamReader(stream).ReadToEnd().Split('\n').FirstOrDefault(l => l.Contains("payment ready, pid ", StringComparison.Ordinal));
        return line is null ? 0 : int.Parse(line[(line.IndexOf("pid ", StringComparison.Ordinal) + 4)..].Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
    }
}
