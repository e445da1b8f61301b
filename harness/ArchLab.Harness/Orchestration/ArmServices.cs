using System.Text.Json;
using ArchLab.Contracts.Hosting;
using ArchLab.Contracts.Ledger;
using ArchLab.Contracts.Workflow;
using ArchLab.Harness.Model.Scenarios;
using ArchLab.Harness.Processes;
using ArchLab.Harness.Samplers;

namespace ArchLab.Harness.Orchestration;

/// <summary>
/// The role processes of one arm. Step roles start together; the edge starts last because a synchronous
/// edge must know where its downstream roles listen. Each role is ready (ready line seen) before load.
/// </summary>
public sealed class ArmServices : IAsyncDisposable
{
    private readonly Dictionary<string, ChildProcess> _roles = new(StringComparer.Ordinal);
    private readonly ResourceSampler _resources;

    private ArmServices(ResourceSampler resources) => _resources = resources;

    /// <summary>The edge's base address, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public Uri EdgeAddress { get; private set; } = new("http://127.0.0.1");

    /// <summary>Ledger file of each step code.</summary>
    public IReadOnlyDictionary<ushort, string> Ledgers { get; private set; } = new Dictionary<ushort, string>();

    public IReadOnlyDictionary<string, ChildProcess> Roles => _roles;

    public static async Task<ArmServices> StartAsync(
        Scenario scenario, ArmSpec arm, RunFolder folder, string? natsUrl, RunOptions options, ResourceSampler resources, CancellationToken cancellationToken)
    {
        var services = new ArmServices(resources);
        try
        {
            await services.StartRolesAsync(scenario, arm, folder, natsUrl, options, cancellationToken);
            return services;
        }
        catch
        {
            await services.DisposeAsync();
            throw;
        }
    }

    private async Task StartRolesAsync(Scenario scenario, ArmSpec arm, RunFolder folder, string? natsUrl, RunOptions options, CancellationToken cancellationToken)
    {
        var host = ServiceHostLocator.Find(options.ServiceHostPath);
        var ledgers = folder.Ledgers(arm.Name);
        Ledgers = ledgers;

        ServiceOptions OptionsFor(string role, IReadOnlyDictionary<string, string> downstream) =>
            ArmServices.OptionsFor(scenario, arm, role, arm.Ledger ? ledgers[StepCodes.Of(role)] : null, downstream, natsUrl);

        // Every role starts at once. A synchronous edge must know where its steps listen, so their ports are
        // leased first; a port taken in between fails the start, and the whole set is tried again.
        for (var attempt = 1; ; attempt++)
        {
            var synchronous = Styles.AnswersOnCompletion(arm.Style);
            var ports = synchronous ? PortLease.Take(ArchLab.Contracts.Workflow.Roles.Steps.Count) : null;
            var downstream = synchronous
                ? ArchLab.Contracts.Workflow.Roles.Steps.Select((role, i) => (role, i)).ToDictionary(x => x.role, x => $"http://127.0.0.1:{ports![x.i]}")
                : new Dictionary<string, string>();
            var roles = ArchLab.Contracts.Workflow.Roles.All.Select(role => OptionsFor(role, role == ArchLab.Contracts.Workflow.Roles.Edge ? downstream : new Dictionary<string, string>())
                with { Port = synchronous && role != ArchLab.Contracts.Workflow.Roles.Edge ? new Uri(downstream[role]).Port : 0 });
            try
            {
                var started = await Task.WhenAll(roles.Select(role => StartRoleAsync(host, folder, arm, role, options.ReadyTimeout, cancellationToken)));
                EdgeAddress = new Uri($"http://127.0.0.1:{started.Single(s => s.Role == ArchLab.Contracts.Workflow.Roles.Edge).Port}");
                return;
            }
            catch (ChildProcessException e) when (attempt < 3 && PortLease.IsPortTaken(e))
            {
                await StopAllAsync();
            }
        }
    }

    /// <summary>The options one role of the arm is started with: the arm's style and options, the scenario's cost and seed.</summary>
    /// <param name="ledgerPath">The role's ledger; null when the arm runs without one.</param>
    /// <param name="downstream">Synchronous edge: where each step role listens.</param>
    /// <param name="natsUrl">The broker, for the messaging styles.</param>
    public static ServiceOptions OptionsFor(
        Scenario scenario, ArmSpec arm, string role, string? ledgerPath, IReadOnlyDictionary<string, string> downstream, string? natsUrl) => new()
    {
        Role = role,
        Style = arm.Style,
        LedgerPath = ledgerPath,
        Port = 0,
        Cost = scenario.Workflow.CostOf(role),
        Seed = StableSeed(scenario.Seed, role),
        Downstream = downstream,
        CallTimeout = arm.CallTimeout,
        Resilience = arm.Resilience,
        Idempotent = arm.Idempotent,
        JetStream = arm.JetStream is { } js
            ? new JetStreamConsumerOptions { Backoff = [.. js.Backoff], Dedupe = js.Dedupe, DeadLetter = js.DeadLetter }
            : JetStreamConsumerOptions.Default,
        NatsUrl = natsUrl,
        ExitWhenParentGone = true,
    };

    private async Task<(string Role, int Port)> StartRoleAsync(
        string host, RunFolder folder, ArmSpec arm, ServiceOptions role, TimeSpan readyTimeout, CancellationToken cancellationToken)
    {
        var config = Path.Combine(folder.ArmServices(arm.Name), $"{role.Role}.json");
        await File.WriteAllTextAsync(config, JsonSerializer.Serialize(role, HostingJsonContext.Default.ServiceOptions), cancellationToken);
        var spec = new ChildSpec(
            role.Role,
            ServiceHostLocator.Dotnet(),
            [host, "--config", config, "--role", role.Role, "--style", role.Style],
            Path.Combine(folder.ArmLogs(arm.Name), $"{role.Role}.log"),
            line => line.StartsWith(ReadyLine.Prefix, StringComparison.Ordinal))
        {
            ReadyTimeout = readyTimeout,
            Environment = new Dictionary<string, string> { ["DOTNET_gcServer"] = "0", ["DOTNET_TieredPGO"] = "0" },
        };
        var child = await ChildProcess.StartAsync(spec, cancellationToken);
        lock (_roles)
        {
            _roles[role.Role] = child;
        }

        _resources.Track(role.Role, child.Pid);
        if (!ReadyLine.TryParsePort(child.ReadyLine, out var port))
        {
            throw new ChildProcessException($"{role.Role} announced no port: '{child.ReadyLine}'");
        }

        return (role.Role, port);
    }

    /// <summary>A role's seed from the scenario's: stable across runs and processes (string hash codes are not).</summary>
    private static int StableSeed(int seed, string role) =>
        (int)((uint)seed * 31u + (uint)ArchLab.Contracts.Workflow.Roles.All.ToList().IndexOf(role) * 7919u) & int.MaxValue;

    /// <summary>Samples resources, then stops every role (SIGTERM, SIGKILL after a grace).</summary>
    public ValueTask DisposeAsync() => new(StopAllAsync());

    private async Task StopAllAsync()
    {
        ChildProcess[] children;
        lock (_roles)
        {
            children = [.. _roles.Values];
        }

        foreach (var child in children)
        {
            _resources.Sample(child.Name);
        }

        await Task.WhenAll(children.Select(c => c.DisposeAsync().AsTask()));
        lock (_roles)
        {
            _roles.Clear();
        }
    }
}
