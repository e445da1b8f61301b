using System.Text;
using ArchLab.Harness.Processes;
using ArchLab.Harness.Rabbit;
using ArchLab.Integration.Tests.Fixtures;
using RabbitMQ.Client;

namespace ArchLab.Integration.Tests.Rabbit;

/// <summary>The harness's own RabbitMQ node, against Debian's rabbitmq-server.</summary>
public sealed class LocalRabbitNodeTests
{
    private static RabbitInstall Install =>
        RabbitInstall.Find() ?? throw new InvalidOperationException($"rabbitmq-server is required by the integration tests (./archlab test installs it): {RabbitInstall.Missing}");

    [Fact]
    public async Task A_node_of_its_own_keeps_a_confirmed_message_through_a_kill_and_leaves_no_process_behind()
    {
        using var folder = new TempFolder("rabbit");
        var directory = Path.Combine(folder.Path, "node");
        var ct = TestContext.Current.CancellationToken;
        IReadOnlyList<ProcessTree.ProcessInfo> started;
        int epmd;

        await using (var node = await LocalRabbitNode.StartAsync(Install, directory, Path.Combine(folder.Path, "rabbitmq.log"), ct))
        {
            Assert.Matches(@"^3\.\d+\.\d+$", node.Version);
            Assert.InRange(node.Startup, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(60));
            Assert.EndsWith("@localhost", node.NodeName, StringComparison.Ordinal);
            Assert.Contains("beam.smp", ProcessTree.All().Single(p => p.Pid == node.Pid).Command, StringComparison.Ordinal); // the VM itself, not a script
            Assert.DoesNotContain(ProcessTree.All(), p => p.Command.StartsWith("epmd -daemon", StringComparison.Ordinal) && p.ParentPid == 1 && p.Command.Contains(directory, StringComparison.Ordinal));

            await PublishConfirmedAsync(node.AmqpUri, "probe", "kept", ct);
            var declared = DateTime.UtcNow;

            await node.WaitQueuesRecordedAsync(declared, ct);
            Assert.True(node.Process.Send(Signal.Kill));
            await node.Process.Exited.WaitAsync(TimeSpan.FromSeconds(10), ct);
            await node.RestartAsync(ct);
            Assert.Equal("kept", await GetAsync(node.AmqpUri, "probe", ct));

            started = [.. ProcessTree.DescendantsOf(node.Pid), .. ProcessTree.All().Where(p => p.Pid == node.Pid)];
            epmd = node.EpmdPid;
        }

        Assert.NotEmpty(started);
        await Eventually.TrueAsync(() => started.All(p => !ProcessTree.IsAlive(p.Pid)) && !ProcessTree.IsAlive(epmd), TimeSpan.FromSeconds(10),
            $"the node's VM, its helpers ({string.Join(", ", started.Select(p => p.Pid))}) and its epmd ({epmd}) gone");
        Assert.DoesNotContain(ProcessTree.All(), p => p.Command.Contains(directory, StringComparison.Ordinal));
        Assert.False(Directory.Exists(directory), "the node's folder is removed with it");
    }

    [Fact]
    public async Task Two_nodes_at_once_never_meet()
    {
        using var folder = new TempFolder("rabbit-two");
        var ct = TestContext.Current.CancellationToken;
        var starts = Enumerable.Range(0, 2).Select(i => LocalRabbitNode.StartAsync(Install, Path.Combine(folder.Path, $"n{i}"), Path.Combine(folder.Path, $"n{i}.log"), ct));
        var nodes = await Task.WhenAll(starts);
        try
        {
            Assert.NotEqual(nodes[0].NodeName, nodes[1].NodeName);
            Assert.NotEqual(nodes[0].AmqpUri.Port, nodes[1].AmqpUri.Port);
            await PublishConfirmedAsync(nodes[0].AmqpUri, "only-here", "a", ct);
            Assert.Null(await GetAsync(nodes[1].AmqpUri, "only-here", ct));
        }
        finally
        {
            foreach (var node in nodes)
            {
                await node.DisposeAsync();
            }
        }
    }

    private static async Task PublishConfirmedAsync(Uri uri, string queue, string body, CancellationToken ct)
    {
        await using var connection = await new ConnectionFactory { Uri = uri }.CreateConnectionAsync(ct);
        await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), ct);
        await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false, new Dictionary<string, object?> { ["x-queue-type"] = "quorum" }, cancellationToken: ct);
        await channel.BasicPublishAsync("", queue, mandatory: true, new BasicProperties { Persistent = true }, Encoding.UTF8.GetBytes(body), ct);
    }

    /// <summary>The queue's first message; null when the queue is empty or does not exist.</summary>
    private static async Task<string?> GetAsync(Uri uri, string queue, CancellationToken ct)
    {
        await using var connection = await new ConnectionFactory { Uri = uri }.CreateConnectionAsync(ct);
        await using var channel = await connection.CreateChannelAsync(cancellationToken: ct);
        try
        {
            var message = await channel.BasicGetAsync(queue, autoAck: true, ct);
            return message is null ? null : Encoding.UTF8.GetString(message.Body.Span);
        }
        catch (RabbitMQ.Client.Exceptions.OperationInterruptedException e) when (e.ShutdownReason?.ReplyCode == 404)
        {
            return null;
        }
    }
}
