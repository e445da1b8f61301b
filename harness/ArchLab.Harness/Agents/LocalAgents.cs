using ArchLab.Harness.Broker;
using ArchLab.Harness.Processes;

namespace ArchLab.Harness.Agents;

/// <summary>
/// <c>run --agents N</c> without <c>--agents-url</c>: N agent processes on this machine (this executable's
/// <c>agent</c> command) and a nats-server of their own for control and files, all children of the harness and
/// stopped with it. The same protocol as agents on other hosts; only where they run differs.
/// </summary>
public sealed class LocalAgents : IAsyncDisposable
{
    private readonly LocalNatsServer _control;
    private readonly List<ChildProcess> _agents;

    private LocalAgents(LocalNatsServer control, List<ChildProcess> agents)
    {
        _control = control;
        _agents = agents;
    }

    public string Url => _control.ClientUrl;

    public IReadOnlyList<int> Pids => [.. _agents.Select(a => a.Pid)];

    /// <summary>Starts the control server and <paramref name="count"/> agents, each waited for until it listens.</summary>
    /// <param name="command">How to start <c>archlab</c>; default: this executable.</param>
    public static async Task<LocalAgents> StartAsync(int count, string folder, CancellationToken cancellationToken, (string File, string[] Prefix)? command = null)
    {
        var binary = NatsServerLocator.Find() ?? throw new BrokerUnavailableException($"load agents on this machine talk through a nats-server: {NatsServerLocator.InstallHint}");
        Directory.CreateDirectory(folder);
        var control = await LocalNatsServer.StartAsync(binary, Path.Combine(folder, "control-store"), Path.Combine(folder, "control-nats.log"), cancellationToken);
        var agents = new List<ChildProcess>();
        try
        {
            var (file, prefix) = command ?? Self();
            for (var i = 1; i <= count; i++)
            {
                var name = $"local-{i}";
                agents.Add(await ChildProcess.StartAsync(new ChildSpec(name, file, [.. prefix, "agent", "--nats-url", control.ClientUrl, "--name", name],
                    Path.Combine(folder, $"{name}.log"), line => line.StartsWith($"agent {name} ready", StringComparison.Ordinal)), cancellationToken));
            }

            return new LocalAgents(control, agents);
        }
        catch
        {
            foreach (var agent in agents)
            {
                await agent.DisposeAsync();
            }

            await control.DisposeAsync();
            throw;
        }
    }

    /// <summary>How to start this executable: itself, or the dotnet muxer with this assembly.</summary>
    private static (string File, string[] Prefix) Self()
    {
        var self = Environment.ProcessPath ?? throw new InvalidOperationException("this process has no path to start agents from");
        var entry = System.Reflection.Assembly.GetEntryAssembly()?.Location;
        return Path.GetFileNameWithoutExtension(self) == "dotnet" && !string.IsNullOrEmpty(entry) ? (self, [entry]) : (self, []);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var agent in _agents)
        {
            await agent.StopAsync(TimeSpan.FromSeconds(5));
            await agent.DisposeAsync();
        }

        await _control.DisposeAsync();
    }
}
