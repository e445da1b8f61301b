using System.Net;
using System.Net.Sockets;
using ArchLab.Harness.Broker;
using ArchLab.Integration.Tests.Fixtures;
using ArchLab.Load.Recording;
using ArchLab.Load.Targets;
using ArchLab.Load.Targets.Transports;
using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;

namespace ArchLab.Integration.Tests.TransportArms;

/// <summary>
/// The transport targets' failures, each against a real nats-server (or a real closed port), named in the
/// results' vocabulary: no_responders, publish_failed, refused.
/// </summary>
public sealed class TransportTargetTests : IAsyncLifetime
{
    private readonly TempFolder _folder = new("transport-targets");
    private IBroker _server = null!;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() =>
        _server = await BrokerProvider.StartAsync(new BrokerOptions(AllowContainer: false), Path.Combine(_folder.Path, "store"),
            Path.Combine(_folder.Path, "nats.log"), CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        _folder.Dispose();
    }

    private NatsTargetOptions Options(string subject) => new() { Url = _server.ClientUrl, Subject = subject, PayloadBytes = 64 };

    [Fact]
    public async Task A_request_nobody_subscribed_to_is_no_responders_at_once()
    {
        await using var target = await NatsRequestLoadTarget.ConnectAsync(Options("nobody.here"), Cancel);

        var outcome = await target.SendAsync(1, Cancel);

        Assert.Equal(ErrorKinds.NoResponders, ErrorKinds.OfStatus(outcome.StatusCode));
        Assert.Equal(OutcomeKind.Rejected, outcome.Kind);
    }

    [Fact]
    public async Task A_request_is_accepted_on_its_reply_and_carries_its_sequence_number()
    {
        await using var nats = new NatsConnection(NatsOpts.Default with { Url = _server.ClientUrl });
        await using var subscription = await nats.SubscribeCoreAsync<byte[]>("echo", cancellationToken: Cancel);
        await nats.PingAsync(Cancel);
        var seen = Task.Run(async () =>
        {
            var request = await subscription.Msgs.ReadAsync(Cancel);
            await request.ReplyAsync("ok"u8.ToArray(), cancellationToken: Cancel);
            return request.Data!;
        }, Cancel);
        await using var target = await NatsRequestLoadTarget.ConnectAsync(Options("echo"), Cancel);

        var outcome = await target.SendAsync(42, Cancel);

        Assert.Equal(OutcomeKind.Accepted, outcome.Kind);
        var body = await seen;
        Assert.Equal((64, 42L), (body.Length, SeqPayload.ReadSeq(new System.Buffers.ReadOnlySequence<byte>(body))));
    }

    [Fact]
    public async Task A_publish_reaches_a_subscriber_once_flushed()
    {
        await using var nats = new NatsConnection(NatsOpts.Default with { Url = _server.ClientUrl });
        await using var subscription = await nats.SubscribeCoreAsync<byte[]>("counted", cancellationToken: Cancel);
        await nats.PingAsync(Cancel);
        await using var target = await NatsPublishLoadTarget.ConnectAsync(Options("counted"), Cancel);

        for (var seq = 0; seq < 100; seq++)
        {
            Assert.Equal(OutcomeKind.Accepted, (await target.SendAsync(seq, Cancel)).Kind);
        }

        await target.FlushAsync();
        var seqs = new List<long>();
        while (seqs.Count < 100)
        {
            var message = await subscription.Msgs.ReadAsync(Cancel).AsTask().WaitAsync(TimeSpan.FromSeconds(10), Cancel);
            seqs.Add(SeqPayload.ReadSeq(new System.Buffers.ReadOnlySequence<byte>(message.Data!))!.Value);
        }

        Assert.Equal(Enumerable.Range(0, 100).Select(i => (long)i), seqs);
    }

    [Fact]
    public async Task A_jetstream_publish_without_a_stream_is_no_responders()
    {
        await using var target = await JetStreamPublishLoadTarget.ConnectAsync(Options("no.stream"), Cancel);

        var outcome = await target.SendAsync(1, Cancel);

        Assert.Equal(ErrorKinds.NoResponders, ErrorKinds.OfStatus(outcome.StatusCode));
    }

    [Fact]
    public async Task A_jetstream_publish_the_stream_refuses_is_publish_failed_and_one_it_stores_is_accepted()
    {
        await using var nats = new NatsConnection(NatsOpts.Default with { Url = _server.ClientUrl });
        var js = new NatsJSContext(nats);
        await js.CreateStreamAsync(new StreamConfig("FULL", ["full"]) { MaxMsgs = 1, Discard = StreamConfigDiscard.New, Storage = StreamConfigStorage.Memory }, Cancel);
        await using var target = await JetStreamPublishLoadTarget.ConnectAsync(Options("full") with { Window = 4 }, Cancel);

        var first = await target.SendAsync(1, Cancel);
        var second = await target.SendAsync(2, Cancel);

        Assert.Equal(OutcomeKind.Accepted, first.Kind);
        Assert.Equal(ErrorKinds.PublishFailed, ErrorKinds.OfStatus(second.StatusCode));
    }

    [Fact]
    public async Task A_grpc_call_to_a_port_nobody_listens_on_is_refused()
    {
        using var target = new GrpcLoadTarget(new Uri($"http://127.0.0.1:{ClosedPort()}"), 64);

        var outcome = await target.SendAsync(1, Cancel);

        Assert.Equal(OutcomeKind.Refused, outcome.Kind);
    }

    /// <summary>A port that was just free: bound, then released.</summary>
    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
