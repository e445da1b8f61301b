using System.Diagnostics;
using System.Net.Sockets;
using ArchLab.Proxy;
using ArchLab.Proxy.Proxies;
using ArchLab.Proxy.Toxics;

namespace ArchLab.Unit.Tests.Proxy;

/// <summary>Each toxic on real loopback sockets, through a proxy in front of a small server. Timings have wide margins:
/// the machine has two shared cores.</summary>
[Collection(Timing.Name)]
public sealed class ToxicBehaviourTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(20);

    [Theory]
    [InlineData(ToxicStream.Downstream)]
    [InlineData(ToxicStream.Upstream)]
    public async Task Latency_delays_one_direction(ToxicStream stream)
    {
        using var deadline = Client.Deadline(Limit);
        await using var server = TcpTestServer.Echo();
        await using var faults = new FaultProxy(new FaultProxyOptions { Seed = 1 });
        var proxy = await faults.AddProxyAsync(new ProxyOptions { Name = "echo", Upstream = server.Address }, deadline.Token);
        faults.AddToxic("echo", new LatencyToxic { Stream = stream, Latency = TimeSpan.FromMilliseconds(100) });

        using var client = await Client.ConnectAsync(proxy.ListenEndpoint, deadline.Token);
        var median = await MedianRoundTripAsync(client, deadline.Token);

        Assert.InRange(median, 99, 100 + 150);
    }

    [Fact]
    public async Task Latency_in_both_directions_adds_up_and_jitter_stays_in_its_band()
    {
        using var deadline = Client.Deadline(Limit);
        await using var server = TcpTestServer.Echo();
        await using var faults = new FaultProxy(new FaultProxyOptions { Seed = 2 });
        var proxy = await faults.AddProxyAsync(new ProxyOptions { Name = "echo", Upstream = server.Address }, deadline.Token);
        faults.AddToxic("echo", new LatencyToxic { Stream = ToxicStream.Upstream, Latency = TimeSpan.FromMilliseconds(60) });
        faults.AddToxic("echo", new LatencyToxic
        {
            Stream = ToxicStream.Downstream,
            Latency = TimeSpan.FromMilliseconds(60),
            Jitter = TimeSpan.FromMilliseconds(20),
        });

        using var client = await Client.ConnectAsync(proxy.ListenEndpoint, deadline.Token);
        for (var i = 0; i < 5; i++)
        {
            Assert.InRange(await Client.RoundTripAsync(client, deadline.Token), 60 + 40 - 1, 60 + 80 + 150);
        }
    }

    [Theory]
    [InlineData(ToxicStream.Downstream)]
    [InlineData(ToxicStream.Upstream)]
    public async Task Bandwidth_holds_the_rate(ToxicStream stream)
    {
        const int Bytes = 300_000;
        const long RateKBps = 200; // 1.5 s for the whole transfer
        using var deadline = Client.Deadline(Limit);
        await using var server = TcpTestServer.Start(stream == ToxicStream.Downstream ? SendOnRequest(Bytes) : AckAfter(Bytes));
        await using var faults = new FaultProxy(new FaultProxyOptions { Seed = 3 });
        var proxy = await faults.AddProxyAsync(new ProxyOptions { Name = "bulk", Upstream = server.Address }, deadline.Token);
        faults.AddToxic("bulk", new BandwidthToxic { Stream = stream, RateKBps = RateKBps });
        using var client = await Client.ConnectAsync(proxy.ListenEndpoint, deadline.Token);

        var start = Stopwatch.GetTimestamp();
        if (stream == ToxicStream.Downstream)
        {
            await client.SendAsync(new byte[1], SocketFlags.None, deadline.Token);
            await Client.ReadExactlyAsync(client, new byte[Bytes], deadline.Token);
        }
        else
        {
            await client.SendAsync(new byte[Bytes], SocketFlags.None, deadline.Token);
            await Client.ReadExactlyAsync(client, new byte[1], deadline.Token);
        }

        var bytesPerSecond = Bytes / Stopwatch.GetElapsedTime(start).TotalSeconds;
        Assert.InRange(bytesPerSecond, RateKBps * 1000 * 0.75, RateKBps * 1000 * 1.1);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(200)]
    public async Task Reset_peer_resets_the_connection_after_its_timeout(int timeoutMs)
    {
        using var deadline = Client.Deadline(Limit);
        await using var server = TcpTestServer.Echo();
        await using var faults = new FaultProxy(new FaultProxyOptions { Seed = 4 });
        var proxy = await faults.AddProxyAsync(new ProxyOptions { Name = "echo", Upstream = server.Address }, deadline.Token);
        faults.AddToxic("echo", new ResetPeerToxic { Stream = ToxicStream.Upstream, Timeout = TimeSpan.FromMilliseconds(timeoutMs) });
        using var client = await Client.ConnectAsync(proxy.ListenEndpoint, deadline.Token);

        var start = Stopwatch.GetTimestamp();
        await client.SendAsync("hello"u8.ToArray(), SocketFlags.None, deadline.Token);
        var (bytes, end) = await Client.ReadToEndAsync(client, deadline.Token);

        Assert.Equal((0, StreamEnd.Reset), (bytes, end));
        Assert.True(Stopwatch.GetElapsedTime(start).TotalMilliseconds >= timeoutMs - 5, "reset before its timeout");
    }

    [Fact]
    public async Task Black_hole_stalls_data_and_delivers_every_byte_in_order_once_removed()
    {
        const int Bytes = 100_000;
        using var deadline = Client.Deadline(Limit);
        await using var server = TcpTestServer.Echo();
        await using var faults = new FaultProxy(new FaultProxyOptions { Seed = 5 });
        var proxy = await faults.AddProxyAsync(new ProxyOptions { Name = "echo", Upstream = server.Address }, deadline.Token);
        using var client = await Client.ConnectAsync(proxy.ListenEndpoint, deadline.Token);
        Assert.InRange(await Client.RoundTripAsync(client, deadline.Token), 0, 5000); // the connection is up before the toxic
        var before = proxy.Counters;

        faults.AddToxic("echo", new TimeoutToxic { Stream = ToxicStream.Upstream, Timeout = TimeSpan.Zero });
        var payload = Pattern.Bytes(0, Bytes);
        await client.SendAsync(payload, SocketFlags.None, deadline.Token);
        await Client.WaitUntilAsync(() => proxy.Counters.UpstreamBytesReceived == before.UpstreamBytesReceived + Bytes,
            "the proxy has read everything sent", deadline.Token);

        Assert.Equal(before.UpstreamBytesSent, proxy.Counters.UpstreamBytesSent);
        Assert.Equal(0, client.Available);

        faults.RemoveToxic("echo", "timeout_upstream");
        var echoed = new byte[Bytes];
        await Client.ReadExactlyAsync(client, echoed, deadline.Token);
        Assert.Equal(payload, echoed);
        Assert.InRange(await Client.RoundTripAsync(client, deadline.Token), 0, 5000); // the same connection carries on
    }

    [Fact]
    public async Task Timeout_closes_the_connection_after_about_its_time()
    {
        using var deadline = Client.Deadline(Limit);
        await using var server = TcpTestServer.Echo();
        await using var faults = new FaultProxy(new FaultProxyOptions { Seed = 6 });
        var proxy = await faults.AddProxyAsync(new ProxyOptions { Name = "echo", Upstream = server.Address }, deadline.Token);
        faults.AddToxic("echo", new TimeoutToxic { Stream = ToxicStream.Upstream, Timeout = TimeSpan.FromMilliseconds(300) });

        var start = Stopwatch.GetTimestamp();
        using var client = await Client.ConnectAsync(proxy.ListenEndpoint, deadline.Token);
        await client.SendAsync("hello"u8.ToArray(), SocketFlags.None, deadline.Token);
        var (bytes, end) = await Client.ReadToEndAsync(client, deadline.Token);

        Assert.Equal((0, StreamEnd.Eof), (bytes, end));
        Assert.InRange(Stopwatch.GetElapsedTime(start).TotalMilliseconds, 290, 300 + 700);
    }

    [Theory]
    [InlineData(ToxicStream.Downstream)]
    [InlineData(ToxicStream.Upstream)]
    public async Task Limit_data_closes_after_exactly_its_bytes(ToxicStream stream)
    {
        const int Limit = 1000;
        const int Sent = 5000;
        using var deadline = Client.Deadline(TimeSpan.FromSeconds(20));
        var serverGot = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = TcpTestServer.Start(stream == ToxicStream.Downstream
            ? async (socket, token) =>
            {
                await socket.SendAsync(Pattern.Bytes(0, Sent), SocketFlags.None, token);
                await Client.ReadToEndAsync(socket, token);
            }
            : async (socket, token) => serverGot.TrySetResult((await Client.ReadToEndAsync(socket, token)).Bytes));
        await using var faults = new FaultProxy(new FaultProxyOptions { Seed = 7 });
        var proxy = await faults.AddProxyAsync(new ProxyOptions { Name = "limited", Upstream = server.Address }, deadline.Token);
        faults.AddToxic("limited", new LimitDataToxic { Stream = stream, Bytes = Limit });
        using var client = await Client.ConnectAsync(proxy.ListenEndpoint, deadline.Token);

        if (stream == ToxicStream.Downstream)
        {
            Assert.Equal(Limit, (await Client.ReadToEndAsync(client, deadline.Token)).Bytes);
        }
        else
        {
            await client.SendAsync(Pattern.Bytes(0, Sent), SocketFlags.None, deadline.Token);
            Assert.Equal(Limit, await serverGot.Task.WaitAsync(deadline.Token));
            await Client.ReadToEndAsync(client, deadline.Token); // and the client's connection ends too
        }
    }

    [Fact]
    public async Task Slow_close_passes_the_close_on_late_but_not_the_data()
    {
        using var deadline = Client.Deadline(Limit);
        await using var server = TcpTestServer.Start(async (socket, token) =>
        {
            await socket.SendAsync("bye"u8.ToArray(), SocketFlags.None, token);
            socket.Shutdown(SocketShutdown.Send);
            await Client.ReadToEndAsync(socket, token);
        });
        await using var faults = new FaultProxy(new FaultProxyOptions { Seed = 8 });
        var proxy = await faults.AddProxyAsync(new ProxyOptions { Name = "closing", Upstream = server.Address }, deadline.Token);
        faults.AddToxic("closing", new SlowCloseToxic { Delay = TimeSpan.FromMilliseconds(300) });
        using var client = await Client.ConnectAsync(proxy.ListenEndpoint, deadline.Token);

        await Client.ReadExactlyAsync(client, new byte[3], deadline.Token);
        var start = Stopwatch.GetTimestamp();
        var (bytes, end) = await Client.ReadToEndAsync(client, deadline.Token);

        Assert.Equal((0, StreamEnd.Eof), (bytes, end));
        Assert.True(Stopwatch.GetElapsedTime(start).TotalMilliseconds >= 250, "closed too early");
    }

    private static Func<Socket, CancellationToken, Task> SendOnRequest(int bytes) => async (socket, token) =>
    {
        await Client.ReadExactlyAsync(socket, new byte[1], token);
        await socket.SendAsync(new byte[bytes], SocketFlags.None, token);
        await Client.ReadToEndAsync(socket, token);
    };

    private static Func<Socket, CancellationToken, Task> AckAfter(int bytes) => async (socket, token) =>
    {
        await Client.ReadExactlyAsync(socket, new byte[bytes], token);
        await socket.SendAsync(new byte[1], SocketFlags.None, token);
        await Client.ReadToEndAsync(socket, token);
    };

    private static async Task<double> MedianRoundTripAsync(Socket client, CancellationToken cancellationToken)
    {
        var samples = new List<double>();
        for (var i = 0; i < 3; i++)
        {
            samples.Add(await Client.RoundTripAsync(client, cancellationToken));
        }

        samples.Sort();
        return samples[1];
    }
}
