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

    /// <summary>Null when the harness drives the load itself (one agent wanted and no server named).</summary>
    public static async Task<RunAgents?> OpenAsync(Scenario scenario, int? agents, string? url, IAnsiConsole console, CancellationToken cancellationToken)
    {
        var count = agents ?? scenario.Load.Agents;
        if (count < 1)
        {
            throw new UsageException($"--agents must be at least 1, not {count}");
        }

        if (count == 1 && url is null)
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

            var pool = await AgentPool.ConnectAsync(url ?? local!.Url, count, cancellationToken);
            if (url is not null)
            {
                console.MarkupLine($"[grey]load agents:[/] {Markup.Escape(string.Join(", ", pool.Agents.Select(a => $"{a.Name} on {a.Host}")))} at {Markup.Escape(url)}");
            }

            return new RunAgents(pool, local);
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

    public async ValueTask DisposeAsync()
    {
        await Pool.DisposeAsync();
        if (_local is not null)
        {
            await _local.DisposeAsync();
        }
    }
}
