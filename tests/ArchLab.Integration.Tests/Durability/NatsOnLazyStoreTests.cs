using System.Diagnostics;
using ArchLab.Harness.Broker;
using ArchLab.Harness.Processes;
using ArchLab.LazyFs;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;
using NATS.Net;

namespace ArchLab.Integration.Tests.Durability;

/// <summary>
/// A real nats-server (the Debian 2.9.x) with its JetStream store on the lazy filesystem, an R1 file stream, orders
/// acknowledged in two batches: a power loss takes back the acknowledged orders the kernel had not written back (the
/// server made no fsync), a plain kill takes none. The write-back age runs on the test's clock, so "65 s later" is
/// a step of it, not a wait.
/// </summary>
[Collection(LazyFileSystemTests.Name)]
public sealed class NatsOnLazyStoreTests : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("archlab-lazyfs-nats-");
    private long _now = 1_000 * Stopwatch.Frequency;
    private readonly LazyMount _mount;

    public NatsOnLazyStoreTests()
    {
        Assert.SkipWhen(LazyMount.Unavailable() is not null, $"no FUSE here: {LazyMount.Unavailable()}");
        Directory.CreateDirectory(Path.Join(_root.FullName, "backing"));
        var journal = new LazyJournal(Path.Join(_root.FullName, "backing"), Path.Join(_root.FullName, "graveyard"), TimeSpan.FromSeconds(30), () => _now);
        _mount = LazyMount.Mount(journal, Path.Join(_root.FullName, "mount"));
    }

    public void Dispose()
    {
        _mount.Dispose();
        _root.Delete(recursive: true);
    }

    private static string Binary => NatsServerLocator.Find() ?? throw new InvalidOperationException("nats-server is required by the integration tests (./archlab test installs it)");

    private async Task<(LocalNatsServer Server, ulong Acknowledged)> TwoBatchesAsync(CancellationToken cancellationToken)
    {
        var server = await LocalNatsServer.StartAsync(Binary, Path.Join(_mount.Mountpoint, "store"), Path.Join(_root.FullName, "nats.log"), cancellationToken);
        await using var nats = new NATS.Client.Core.NatsConnection(new NATS.Client.Core.NatsOpts { Url = server.ClientUrl });
        var js = nats.CreateJetStreamContext();
        await js.CreateStreamAsync(new StreamConfig("ORDERS", ["orders.>"]) { Storage = StreamConfigStorage.File, NumReplicas = 1 }, cancellationToken);
        ulong acknowledged = 0;
        for (var batch = 0; batch < 2; batch++)
        {
            for (var i = 0; i < 200; i++)
            {
                var ack = await js.PublishAsync($"orders.{batch}", new byte[128], cancellationToken: cancellationToken);
                ack.EnsureSuccess();
                acknowledged = ack.Seq;
            }

            // The first batch ages past the write-back (65 s); the second is 3 s old at the fault.
            _now += (long)((batch == 0 ? 65 : 3) * Stopwatch.Frequency);
        }

        return (server, acknowledged);
    }

    private static async Task<long> MessagesAfterRestartAsync(LocalNatsServer server, CancellationToken cancellationToken)
    {
        await server.RestartAsync(cancellationToken);
        await using var nats = new NATS.Client.Core.NatsConnection(new NATS.Client.Core.NatsOpts { Url = server.ClientUrl });
        var js = nats.CreateJetStreamContext();
        try
        {
            var stream = await js.GetStreamAsync("ORDERS", cancellationToken: cancellationToken);
            return stream.Info.State.Messages;
        }
        catch (NatsJSApiException e) when (e.Error.Code == 404)
        {
            return -1; // the stream's definition is gone too
        }
    }

    [Fact]
    public async Task A_power_loss_takes_back_the_acknowledged_orders_the_kernel_had_not_written_back()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var (server, acknowledged) = await TwoBatchesAsync(cancellationToken);
        await using var _ = server;
        Assert.Equal(400UL, acknowledged);

        server.Process.Send(Signal.Kill);
        await server.Process.Exited.WaitAsync(TimeSpan.FromSeconds(10), cancellationToken);
        var loss = _mount.PowerLoss();
        var kept = await MessagesAfterRestartAsync(server, cancellationToken);

        Assert.Equal(200, kept);
        Assert.True(loss.BytesDropped > 200 * 128, $"{loss.BytesDropped} bytes dropped");
        Assert.Empty(_mount.Journal.Fsyncs); // nats-server 2.9 made no fsync in the minute
    }

    [Fact]
    public async Task A_plain_kill_of_the_same_broker_loses_nothing()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var (server, _) = await TwoBatchesAsync(cancellationToken);
        await using var _ = server;

        server.Process.Send(Signal.Kill);
        await server.Process.Exited.WaitAsync(TimeSpan.FromSeconds(10), cancellationToken);

        Assert.Equal(400, await MessagesAfterRestartAsync(server, cancellationToken));
    }
}
