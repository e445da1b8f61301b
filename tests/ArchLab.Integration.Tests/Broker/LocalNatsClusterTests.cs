using System.Net.Sockets;
using ArchLab.Harness.Broker;
using ArchLab.Harness.Processes;
using ArchLab.Integration.Tests.Fixtures;
using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;
using NATS.Net;

namespace ArchLab.Integration.Tests.Broker;

/// <summary>A local cluster of three real nats-server processes, routes through the fault proxy.</summary>
public sealed class LocalNatsClusterTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static string Binary => NatsServerLocator.Find() ?? throw new InvalidOperationException("nats-server is required by the integration tests (./archlab test installs it)");

    [Fact]
    public async Task Three_nodes_form_one_cluster_and_leave_no_process_and_no_port_behind()
    {
        using var folder = new TempFolder("cluster");
        int[] pids;
        IReadOnlyList<string> monitoring;
        await using (var cluster = await LocalNatsCluster.StartAsync(Binary, Path.Combine(folder.Path, "store"), folder.Path, 3, Cancel))
        {
            Assert.Equal([2, 2, 2], await cluster.RoutesAsync(Cancel));
            Assert.Equal(3, cluster.ClientUrl.Split(',').Length);
            pids = [.. cluster.Nodes.Select(n => n.Process.Pid)];
            monitoring = cluster.MonitoringUrls;
            Assert.All(pids, pid => Assert.Contains(ProcessTree.All(), p => p.Pid == pid));
        }

        Assert.All(pids, pid => Assert.DoesNotContain(ProcessTree.All(), p => p.Pid == pid));
        foreach (var url in monitoring)
        {
            using var client = new TcpClient();
            await Assert.ThrowsAnyAsync<SocketException>(() => client.ConnectAsync("127.0.0.1", new Uri(url).Port, Cancel).AsTask());
        }

        Assert.False(Directory.Exists(Path.Combine(folder.Path, "store")), "the nodes' stores are removed with the cluster");
    }

    [Fact]
    public async Task Killing_the_leader_of_a_replicated_stream_loses_no_acknowledged_message()
    {
        using var folder = new TempFolder("cluster-kill");
        await using var cluster = await LocalNatsCluster.StartAsync(Binary, Path.Combine(folder.Path, "store"), folder.Path, 3, Cancel);
        await using var nats = new NatsConnection(new NatsOpts { Url = cluster.ClientUrl, Name = "test" });
        var js = nats.CreateJetStreamContext();
        await js.CreateStreamAsync(new StreamConfig("KEEP", ["keep.>"]) { NumReplicas = 3, Storage = StreamConfigStorage.File }, Cancel);
        var leader = await cluster.LeaderOfAsync("KEEP", Cancel) ?? throw new InvalidOperationException("the stream has no leader");

        var acknowledged = new HashSet<int>();
        long failed = 0;
        for (var i = 0; i < 300; i++)
        {
            if (i == 100)
            {
                Assert.True(cluster.Nodes[leader].Process.Send(Signal.Kill));
                await cluster.Nodes[leader].Process.Exited.WaitAsync(TimeSpan.FromSeconds(10), Cancel);
            }

            try
            {
                var ack = await js.PublishAsync($"keep.{i}", i, opts: new NatsJSPubOpts { MsgId = $"m{i}" }, cancellationToken: Cancel);
                ack.EnsureSuccess();
                acknowledged.Add(i);
            }
            catch (Exception e) when (e is NatsJSException or NatsException or TimeoutException)
            {
                // No leader yet: not acknowledged, so not promised.
                failed++;
            }
        }

        var stream = await js.GetStreamAsync("KEEP", cancellationToken: Cancel);
        var kept = new HashSet<int>();
        await foreach (var message in (await stream.CreateOrderedConsumerAsync(cancellationToken: Cancel)).FetchAsync<int>(new NatsJSFetchOpts { MaxMsgs = 300, Expires = TimeSpan.FromSeconds(2) }, cancellationToken: Cancel))
        {
            kept.Add(message.Data);
        }

        Assert.True(acknowledged.Count > 150, $"the stream took too few messages across the failover: {acknowledged.Count} acknowledged, {failed} failed");
        Assert.Empty(acknowledged.Except(kept));
        var now = await cluster.LeaderOfAsync("KEEP", Cancel);
        Assert.NotEqual(leader, now);
        // The monitoring endpoints agree, read where the stream's leader keeps its counters.
        using var jsz = new JszClient(cluster.MonitoringNodes);
        var counters = await jsz.ReadAsync("KEEP", Cancel);
        Assert.Equal(LocalNatsCluster.ServerName(now!.Value), counters!.Leader);
        Assert.Equal(kept.Count, counters.StreamMessages);
    }

    [Fact]
    public async Task A_partitioned_node_loses_its_routes_while_it_runs_and_gets_them_back()
    {
        using var folder = new TempFolder("cluster-partition");
        await using var cluster = await LocalNatsCluster.StartAsync(Binary, Path.Combine(folder.Path, "store"), folder.Path, 3, Cancel);

        await cluster.SetPartitionedAsync(1, partitioned: true, Cancel);
        await Eventually.TrueAsync(async () => (await cluster.RoutesAsync(Cancel)).SequenceEqual([1, 0, 1]), TimeSpan.FromSeconds(10), "node 2 alone, 1 and 3 together");
        Assert.False(cluster.Nodes[1].Process.HasExited);

        await cluster.SetPartitionedAsync(1, partitioned: false, Cancel);
        await Eventually.TrueAsync(async () => (await cluster.RoutesAsync(Cancel)).SequenceEqual([2, 2, 2]), TimeSpan.FromSeconds(20), "the full mesh back");
    }
}
