using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using ArchLab.Harness.Processes;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace ArchLab.Harness.Rabbit;

/// <summary>
/// A RabbitMQ node as a child of the harness, isolated from any broker the machine already runs: its own node name,
/// AMQP, distribution and <c>epmd</c> ports on loopback, its own data, configuration and cookie folder. Its
/// <c>epmd</c> is a child too, started first and told not to be started by Erlang (<c>-start_epmd false</c>), because
/// Erlang would start one detached that no one stops. The start script is run so that it execs the Erlang VM in place
/// (<c>RUNNING_UNDER_SYSTEMD</c>): the child's pid is <c>beam.smp</c>'s, so signals and faults reach the broker itself,
/// and the death signal the spawner sets kills it with the harness.
/// </summary>
public sealed class LocalRabbitNode : IAsyncDisposable, Broker.IBrokerProcess
{
    private static int _started;
    private readonly RabbitInstall _install;
    private readonly RabbitNodeLayout _layout;
    private readonly ChildProcess _epmd;
    private ChildProcess _node;

    private LocalRabbitNode(RabbitInstall install, RabbitNodeLayout layout, ChildProcess epmd, ChildProcess node, TimeSpan startup)
    {
        _install = install;
        _layout = layout;
        _epmd = epmd;
        _node = node;
        Startup = startup;
    }

    /// <summary>The node's name, <c>archlab-&lt;pid&gt;-&lt;n&gt;@localhost</c>.</summary>
    public string NodeName => _layout.NodeName;

    /// <summary>The AMQP URL of the default virtual host, with the default user (allowed from loopback only).</summary>
    public Uri AmqpUri => AmqpUriOf("/");

    /// <summary>The AMQP URL of one of the virtual hosts the node was started with.</summary>
    public Uri AmqpUriOf(string virtualHost) =>
        new($"amqp://{RabbitDefinitions.User}:{RabbitDefinitions.User}@127.0.0.1:{_layout.AmqpPort.ToString(CultureInfo.InvariantCulture)}/{Uri.EscapeDataString(virtualHost == "/" ? "" : virtualHost)}");

    public string? Version => _install.Version;

    /// <summary>From the start of the node's process to its first accepted AMQP connection.</summary>
    public TimeSpan Startup { get; private set; }

    /// <summary>The Erlang VM of the current incarnation, for faults that signal the broker.</summary>
    public ChildProcess Process => _node;

    public int Pid => _node.Pid;

    /// <summary>The pid of the node's <c>epmd</c>.</summary>
    public int EpmdPid => _epmd.Pid;

    /// <summary>For <c>rabbitmqctl</c>: the node, and the environment that finds it (its <c>epmd</c> port and cookie).</summary>
    internal RabbitNodeLayout Layout => _layout;

    internal RabbitInstall Install => _install;

    /// <summary>Starts a node in <paramref name="directory"/> and waits until it accepts an AMQP connection.</summary>
    /// <exception cref="ChildProcessException">It did not start, or was not ready within <paramref name="readyTimeout"/>; quotes its log.</exception>
    /// <param name="virtualHosts">Hosts defined at boot beside the default one (a run gives one per arm).</param>
    public static async Task<LocalRabbitNode> StartAsync(
        RabbitInstall install, string directory, string logPath, CancellationToken cancellationToken, IReadOnlyList<string>? virtualHosts = null,
        TimeSpan? readyTimeout = null)
    {
        var name = $"archlab-{Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}-{Interlocked.Increment(ref _started).ToString(CultureInfo.InvariantCulture)}@localhost";
        for (var attempt = 1; ; attempt++)
        {
            // Ports are chosen before the node starts (it must be told them); one taken in between fails the start, and
            // the node is started again on fresh ones.
            var ports = PortLease.Take(3);
            var layout = RabbitNodeLayout.Create(directory, name, ports[0], ports[1], ports[2], virtualHosts ?? []);
            ChildProcess? epmd = null;
            try
            {
                epmd = await ChildProcess.StartAsync(layout.EpmdSpec(install, logPath), cancellationToken);
                await WaitListeningAsync(epmd, layout.EpmdPort, TimeSpan.FromSeconds(5), cancellationToken);
                var clock = Stopwatch.StartNew();
                var node = await ChildProcess.StartAsync(layout.NodeSpec(install, logPath), cancellationToken);
                try
                {
                    await WaitAmqpAsync(node, layout, readyTimeout ?? TimeSpan.FromSeconds(60), cancellationToken);
                }
                catch
                {
                    await node.DisposeAsync();
                    throw;
                }

                return new LocalRabbitNode(install, layout, epmd, node, clock.Elapsed);
            }
            catch (ChildProcessException e) when (attempt < 3 && PortTaken(e))
            {
                await (epmd?.DisposeAsync() ?? ValueTask.CompletedTask);
            }
            catch
            {
                await (epmd?.DisposeAsync() ?? ValueTask.CompletedTask);
                throw;
            }
        }
    }

    /// <summary>
    /// Starts the node again after a kill or a stop: the same name, ports and data, so durable queues come back with
    /// what they held and clients reconnect to where they were.
    /// </summary>
    public async Task RestartAsync(CancellationToken cancellationToken)
    {
        await _node.DisposeAsync();
        var clock = Stopwatch.StartNew();
        _node = await ChildProcess.StartAsync(_layout.NodeSpec(_install, _node.Spec.LogPath), cancellationToken);
        await WaitAmqpAsync(_node, _layout, TimeSpan.FromSeconds(60), cancellationToken);
        Startup = clock.Elapsed;
    }

    /// <summary>
    /// Waits until the quorum queues declared before <paramref name="since"/> would survive a kill. The node keeps each
    /// queue's registration and raft term in DETS tables held in memory and saved every 0.5 s and 5 s (RabbitMQ 3.10,
    /// ra 2.2): killed before the save, it brings such a queue back with no leader, and the queue answers nothing. A
    /// broker fault therefore waits for both files to be written after the topology was declared.
    /// </summary>
    public async Task WaitQueuesRecordedAsync(DateTime since, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!RaStateSavedSince(since))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"rabbitmq node {NodeName} did not save its quorum queues' state (names.dets, meta.dets) within 30 s");
            }

            await Task.Delay(100, cancellationToken);
        }
    }

    private bool RaStateSavedSince(DateTime since) =>
        new[] { "names.dets", "meta.dets" }.All(name =>
            Directory.EnumerateFiles(Path.Combine(_layout.Data, NodeName, "quorum"), name, SearchOption.AllDirectories)
                .Any(file => File.GetLastWriteTimeUtc(file) > since));

    private static bool PortTaken(ChildProcessException e) =>
        PortLease.IsPortTaken(e) || e.Message.Contains("eaddrinuse", StringComparison.OrdinalIgnoreCase) ||
        e.Message.Contains("port_already_used", StringComparison.Ordinal);

    private static async Task WaitListeningAsync(ChildProcess process, int port, TimeSpan limit, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(limit.TotalSeconds * Stopwatch.Frequency);
        while (true)
        {
            using var client = new TcpClient();
            try
            {
                await client.ConnectAsync("127.0.0.1", port, cancellationToken);
                return;
            }
            catch (SocketException) when (!process.HasExited && Stopwatch.GetTimestamp() < deadline)
            {
                await Task.Delay(20, cancellationToken);
            }
            catch (SocketException e)
            {
                throw new ChildProcessException(
                    $"{process.Name} {(process.HasExited ? $"exited with code {process.ExitCode}" : $"did not listen on port {port} within {limit.TotalSeconds:0} s")}: {e.Message}; " +
                    $"last lines of {process.Spec.LogPath}:{Environment.NewLine}{ChildProcess.Tail(process.Spec.LogPath, 15)}");
            }
        }
    }

    /// <summary>Ready is an AMQP handshake that completes: the listener opens only at the end of the boot.</summary>
    private static async Task WaitAmqpAsync(ChildProcess node, RabbitNodeLayout layout, TimeSpan limit, CancellationToken cancellationToken)
    {
        var factory = new ConnectionFactory
        {
            Uri = new Uri($"amqp://guest:guest@127.0.0.1:{layout.AmqpPort.ToString(CultureInfo.InvariantCulture)}/"),
            AutomaticRecoveryEnabled = false,
            RequestedConnectionTimeout = TimeSpan.FromSeconds(2),
        };
        var deadline = Stopwatch.GetTimestamp() + (long)(limit.TotalSeconds * Stopwatch.Frequency);
        while (true)
        {
            if (node.HasExited || Stopwatch.GetTimestamp() > deadline)
            {
                var why = node.HasExited ? $"exited with code {node.ExitCode} before it accepted AMQP connections" : $"accepted no AMQP connection within {limit.TotalSeconds:0} s";
                throw new ChildProcessException($"rabbitmq node {layout.NodeName} {why}; last lines of {node.Spec.LogPath}:{Environment.NewLine}{ChildProcess.Tail(node.Spec.LogPath, 15)}");
            }

            try
            {
                await using var connection = await factory.CreateConnectionAsync("archlab-ready", cancellationToken);
                return;
            }
            catch (BrokerUnreachableException)
            {
                await Task.Delay(100, cancellationToken);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            // SIGTERM is the node's orderly shutdown (about a second); a node that hangs is killed after the grace.
            await _node.StopAsync(TimeSpan.FromSeconds(10));
            await _node.DisposeAsync();
        }
        finally
        {
            await _epmd.DisposeAsync();
            _layout.Delete();
        }
    }
}
