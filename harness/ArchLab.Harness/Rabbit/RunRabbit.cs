using ArchLab.Harness.Broker;

namespace ArchLab.Harness.Rabbit;

/// <summary>
/// The run's RabbitMQ node, shared by its RabbitMQ arms, each in a virtual host of its own (named after the arm):
/// queues, exchanges, policies and counters do not meet, and the node's start-up (5-8 s here) is paid once per run
/// rather than per arm. It starts when the first such arm needs it, not
/// before: a start beside another arm's measurement would take that arm's CPU. Stopped at the end of the run.
/// </summary>
public sealed class RunRabbit(string? server, string directory, string logPath, IReadOnlyList<string> arms) : IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private LocalRabbitNode? _node;

    /// <summary>The node, started on first use; throws <see cref="BrokerUnavailableException"/> where RabbitMQ is not installed.</summary>
    /// <param name="log">Told once, when the node has started, how long that took.</param>
    public async Task<LocalRabbitNode> NodeAsync(Action<string> log, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_node is { Process.HasExited: false } node)
            {
                return node;
            }

            if (_node is not null)
            {
                // An arm's fault killed it and the arm ended before its restart: the next arm gets it back, data and all.
                await _node.RestartAsync(cancellationToken);
                log($"rabbitmq node {_node.NodeName} restarted in {_node.Startup.TotalSeconds:0.0} s (pid {_node.Pid})");
                return _node;
            }

            var install = RabbitInstall.Find(server) ?? throw new BrokerUnavailableException(RabbitInstall.Missing);
            _node = await LocalRabbitNode.StartAsync(install, directory, logPath, cancellationToken, arms);
            Startup = _node.Startup;
            log($"rabbitmq {_node.Version} node {_node.NodeName} (pid {_node.Pid}, epmd {_node.EpmdPid}) ready in {_node.Startup.TotalSeconds:0.0} s, " +
                $"a virtual host per arm ({string.Join(", ", arms)})");
            return _node;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>How long the node took to start first; null while it has not.</summary>
    public TimeSpan? Startup { get; private set; }

    public string? Version => _node?.Version;

    public async ValueTask DisposeAsync()
    {
        if (_node is { } node)
        {
            await node.DisposeAsync();
        }

        _gate.Dispose();
    }
}
