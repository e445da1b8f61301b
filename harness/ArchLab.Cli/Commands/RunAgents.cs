using ArchLab.Contracts.Workflow;
using ArchLab.Harness.Agents;
using ArchLab.Harness.Model.Scenarios;
using Spectre.Console;

namespace ArchLab.Cli.Commands;

/// <summary>
/// The load agents of one <c>archlab run</c>: found at <c>--agents-url</c>, or started on this machine when the run
/// asks for more than one (<c>--agents N</c>, <c>load.agents</c>) and names no server.
/// </summary>
public sealed class RunAgents : IAsyncDisposable
{
    private readonly LocalAgents? _local;

    private RunAgents(AgentPool pool, LocalAgents? local)
    {
        Pool = pool;
        _local = local;
    }

    public AgentPool Pool { get; }

    /// <summary>
    /// <c>--place role=agent</c> read and checked against the scenario: every role one of each arm's, and none that an
    /// arm cannot run apart (a step of <c>inproc</c> lives in the edge's process; device pages talk to the edge here).
    /// </summary>
    public static IReadOnlyDictionary<string, string> Placement(Scenario scenario, IReadOnlyList<string> place)
    {
        var placement = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var item in place)
        {
            var parts = item.Split('=', 2, StringSplitOptions.TrimEntries);
            if (parts.Length != 2 || !AgentProtocol.IsName(parts[1]))
            {
                throw new UsageException($"--place '{item}': expected ROLE=AGENT, e.g. payment=host-b (an agent's name: letters, digits, '-' and '_')");
            }

            if (!placement.TryAdd(parts[0], parts[1]))
            {
                throw new UsageException($"--place names {parts[0]} twice");
            }
        }

        foreach (var arm in placement.Count == 0 ? [] : scenario.RunArms())
        {
            var roles = Roles.AllOf(scenario.ReceiversOf(arm));
            foreach (var role in placement.Keys)
            {
                var problem = !roles.Contains(role) ? $"arm {arm.Name} has no role {role} (its roles: {string.Join(", ", roles)})"
                    : arm.Transport is not null ? $"arm {arm.Name} measures a bare transport from the harness, without the workflow's roles"
                    : Styles.InOneProcess(arm.Style) && role != Roles.Edge ? $"arm {arm.Name} ({arm.Style}) runs every step inside the edge's process: only the edge can be placed"
                    : arm.Devices is not null ? $"arm {arm.Name}'s device pages talk to its roles from this machine's browser"
                    : null;
                if (problem is not null)
                {
                    throw new UsageException($"--place {role}: {problem}");
                }
            }
        }

        return placement;
    }

    /// <summary>Null when the harness drives the load itself (one agent wanted, no server named, no role placed).</summary>
    public static async Task<RunAgents?> OpenAsync(Scenario scenario, int? agents, string? url, IAnsiConsole console, CancellationToken cancellationToken,
        IReadOnlyDictionary<string, string>? placement = null, bool sharedBroker = false)
    {
        var count = agents ?? scenario.Load.Agents;
        placement ??= new Dictionary<string, string>();
        if (count < 1)
        {
            throw new UsageException($"--agents must be at least 1, not {count}");
        }

        if (count == 1 && url is null && placement.Count == 0)
        {
            return null;
        }

        // Agents drive the edge's POST /orders; what else a run may ask of its caller stays with the harness.
        if (scenario.RunArms().FirstOrDefault(a => a.Transport is not null) is { } transport)
        {
            throw new UsageException($"arm {transport.Name} measures a bare transport from the harness: load agents drive the edge's orders only; run it without agents");
        }

        if (scenario.Load.ReadAfter is not null)
        {
            throw new UsageException("load.readAfter reads each order back from the harness's own caller: run it without agents");
        }

        LocalAgents? local = null;
        try
        {
            if (url is null)
            {
                local = await LocalAgents.StartAsync(count, Path.Combine(Path.GetTempPath(), $"archlab-agents-{Environment.ProcessId}"), cancellationToken);
                console.MarkupLine($"[grey]load agents:[/] {count} on this machine (pids {string.Join(", ", local.Pids)}), control at {Markup.Escape(local.Url)}");
            }

            var pool = await AgentPool.ConnectAsync(url ?? local!.Url, count, cancellationToken, placement);
            if (url is not null)
            {
                console.MarkupLine($"[grey]load agents:[/] {Markup.Escape(string.Join(", ", pool.Agents.Select(a => $"{a.Name} on {a.Host}")))} at {Markup.Escape(url)}");
            }

            var opened = new RunAgents(pool, local);
            if (pool.Placement is { } placed)
            {
                try
                {
                    CheckReach(scenario, placed, sharedBroker);
                }
                catch
                {
                    await opened.DisposeAsync();
                    throw;
                }

                console.MarkupLine($"[grey]placed roles:[/] {Markup.Escape(string.Join(", ", placed.AgentOf.Select(p => $"{p.Key} on agent {p.Value.Name} ({p.Value.Host}, {p.Value.Advertise})")))}");
            }

            return opened;
        }
        catch
        {
            if (local is not null)
            {
                await local.DisposeAsync();
            }

            throw;
        }
    }

    /// <summary>
    /// A role on another host must reach what the run gives it: a broker every host reaches (<c>--nats-url</c>), and no
    /// link through this machine's fault proxy or trace collector, which listen on loopback.
    /// </summary>
    private static void CheckReach(Scenario scenario, RolePlacement placed, bool sharedBroker)
    {
        foreach (var role in placed.AgentOf.Keys.Where(r => !placed.OnThisMachine(r)))
        {
            var agent = placed.AgentOf[role];
            var problem = !sharedBroker && scenario.RunArms().Any(a => Styles.NeedsBroker(a.Style))
                    ? "its arms' broker is started on this machine's loopback: give a NATS server every host reaches with --nats-url"
                : scenario.Faults.Any(f => f is NetworkFault)
                    ? "link faults route through this machine's fault proxy, which listens on loopback: place the role here, or drop the link faults"
                : scenario.RunArms().Any(a => a.Tracing != TracingMode.Off)
                    ? "traced arms export to this machine's trace collector on loopback: run the arms untraced"
                : null;
            if (problem is not null)
            {
                throw new UsageException($"--place {role}={agent.Name}: the agent runs on {agent.Host}, another host, and {problem}");
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Pool.DisposeAsync();
        if (_local is not null)
        {
            await _local.DisposeAsync();
        }
    }
}
