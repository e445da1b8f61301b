using ArchLab.Contracts.Messages;
using ArchLab.Harness.Model.Scenarios;
using ArchLab.Harness.Model.Semantics;
using ArchLab.Harness.Samplers;

namespace ArchLab.Harness.Rabbit;

/// <summary>
/// A <c>rabbitmq</c> arm's side of the run's node: its virtual host with the topology declared, the sampler of its
/// queues, and, once its roles have stopped, what its queues say of the orders (dead-lettered, still waiting).
/// </summary>
internal sealed class RabbitArmBroker : IAsyncDisposable
{
    private readonly RabbitArmOptions _options;
    private readonly int _receivers;
    private readonly DateTime _declaredAt;

    private RabbitArmBroker(LocalRabbitNode node, Uri url, RabbitArmOptions options, int receivers, int topologyKeys, BrokerSampler sampler)
    {
        Node = node;
        Url = url;
        _options = options;
        _receivers = receivers;
        TopologyKeys = topologyKeys;
        Sampler = sampler;
        _declaredAt = DateTime.UtcNow;
    }

    public LocalRabbitNode Node { get; }

    /// <summary>The arm's virtual host.</summary>
    public Uri Url { get; }

    /// <summary>The queue arguments given to the broker beyond its defaults.</summary>
    public int TopologyKeys { get; }

    /// <summary>The messages waiting in the arm's queues, sampled at the timeline's period.</summary>
    public BrokerSampler Sampler { get; }

    /// <summary>Takes the run's node (started on first use), declares the arm's topology in its virtual host, starts sampling.</summary>
    public static async Task<RabbitArmBroker> StartAsync(ArmSpec arm, int receivers, RunRabbit? rabbit, TimelineGrid grid, Action<string> log, CancellationToken cancellationToken)
    {
        var node = await (rabbit ?? throw new InvalidOperationException($"arm {arm.Name}: the run made no RabbitMQ node")).NodeAsync(log, cancellationToken);
        var url = node.AmqpUriOf(arm.Name);
        var options = arm.RabbitMq ?? RabbitArmOptions.Default;
        var keys = await RabbitTopology.DeclareAsync(url, options, receivers, cancellationToken);
        var reader = new RabbitQueueReader(url, receivers, options.Backoff.Count);
        return new RabbitArmBroker(node, url, options, receivers, keys, new BrokerSampler(reader.ReadAsync, reader, grid.BacklogSamplePeriod));
    }

    /// <summary>
    /// Before a load with a broker kill: killed before the node saved its quorum queues' state, RabbitMQ 3.10 would
    /// bring them back leaderless (<see cref="LocalRabbitNode.WaitQueuesRecordedAsync"/>).
    /// </summary>
    public Task BeforeKillsAsync(Scenario scenario, CancellationToken cancellationToken) =>
        _options.Queue == RabbitQueueType.Quorum && scenario.Faults.Any(f => f is ProcessFault { Process: "broker", Action: ProcessAction.Kill })
            ? Node.WaitQueuesRecordedAsync(_declaredAt, cancellationToken)
            : Task.CompletedTask;

    /// <summary>The orders in the dead-letter queue (not for their TTL); null where the arm does not dead-letter.</summary>
    public async Task<IReadOnlySet<OrderId>?> DeadLetteredAsync(CancellationToken cancellationToken) =>
        _options.DeadLetter ? await RabbitBooks.DeadLetteredAsync(Url, cancellationToken) : null;

    /// <summary>The orders still waiting in a step's or retry queue, read message by message; null where there were too many to read.</summary>
    public async Task<IReadOnlySet<OrderId>?> HeldAsync(CancellationToken cancellationToken) =>
        await RabbitBooks.HeldAsync(Url, _receivers, _options.Backoff.Count, cancellationToken);

    public ValueTask DisposeAsync() => Sampler.DisposeAsync();
}
