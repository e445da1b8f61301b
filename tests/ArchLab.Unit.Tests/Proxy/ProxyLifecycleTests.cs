using System.Net;
using System.Net.Sockets;
using ArchLab.Proxy;
using ArchLab.Proxy.Proxies;
using ArchLab.Proxy.Toxics;

namespace ArchLab.Unit.Tests.Proxy;

/// <summary>Proxies as the orchestrator drives them in-process: listen, forward, count, go down and come back.</summary>
public sealed class ProxyLifecycleTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Port_zero_reports_the_chosen_port_and_bytes_flow_straight_both_ways()
    {
        const int Bytes = 4_000_000;
        using var deadline = Client.Deadline(Limit);
        await using var server = TcpTestServer.Echo();
        await using var faults = new FaultProxy();
        var proxy = await faults.AddProxyAsync(new ProxyOptions { Name = "echo", Upstream = server.Address }, deadline.Token);
        Assert.NotEqual(0, proxy.ListenEndpoint.Port);
        Assert.Equal(IPAddress.Loopback, proxy.ListenEndpoint.Address);
        Assert.Equal($"127.0.0.1:{proxy.ListenEndpoint.Port}", proxy.Listen);

        using var client = await Client.ConnectAsync(proxy.ListenEndpoint, deadline.Token);
        var payload = Pattern.Bytes(0, Bytes);
        var sending = client.SendAsync(payload, SocketFlags.None, deadline.Token).AsTask();
        var echoed = new byte[Bytes];
        await Client.ReadExactlyAsync(client, echoed, deadline.Token);
        await sending;

        Assert.Equal(-1, Pattern.FirstMismatch(echoed, 0));
        var counters = proxy.Counters;
        Assert.Equal((1, 1, Bytes, Bytes, Bytes, Bytes), (counters.ConnectionsAccepted, counters.ConnectionsOpen,
            counters.UpstreamBytesReceived, counters.UpstreamBytesSent, counters.DownstreamBytesReceived, counters.DownstreamBytesSent));

        client.Shutdown(SocketShutdown.Send); // the echo closes after our end: the proxy passes both ends on, then forgets it
        Assert.Equal(StreamEnd.Eof, (await Client.ReadToEndAsync(client, deadline.Token)).End);
        await Client.WaitUntilAsync(() => proxy.Counters.ConnectionsOpen == 0, "the connection is gone", deadline.Token);
    }

    [Fact]
    public async Task Disabling_closes_connections_and_refuses_new_ones_and_enabling_listens_on_the_same_port()
    {
        using var deadline = Client.Deadline(Limit);
        await using var server = TcpTestServer.Echo();
        await using var faults = new FaultProxy();
        var proxy = await faults.AddProxyAsync(new ProxyOptions { Name = "echo", Upstream = server.Address }, deadline.Token);
        var endpoint = proxy.ListenEndpoint;
        faults.AddToxic("echo", new LatencyToxic { Latency = TimeSpan.FromMilliseconds(1) });
        using var open = await Client.ConnectAsync(endpoint, deadline.Token);
        Assert.InRange(await Client.RoundTripAsync(open, deadline.Token), 0, 5000);

        await faults.SetEnabledAsync("echo", false, deadline.Token);

        Assert.False(proxy.Enabled);
        Assert.Equal(0, proxy.Counters.ConnectionsOpen);
        Assert.Equal(0, (await Client.ReadToEndAsync(open, deadline.Token)).Bytes);
        var refused = await Assert.ThrowsAsync<SocketException>(() => Client.ConnectAsync(endpoint, deadline.Token));
        Assert.Equal(SocketError.ConnectionRefused, refused.SocketErrorCode);

        await faults.SetEnabledAsync("echo", true, deadline.Token);

        Assert.True(proxy.Enabled);
        Assert.Equal(endpoint, proxy.ListenEndpoint);
        Assert.Single(proxy.Toxics); // toxics outlive a down
        using var again = await Client.ConnectAsync(endpoint, deadline.Token);
        Assert.InRange(await Client.RoundTripAsync(again, deadline.Token), 0, 5000);
    }

    [Fact]
    public async Task A_refusing_upstream_closes_the_client_and_is_counted()
    {
        using var deadline = Client.Deadline(Limit);
        using var closed = BoundNotListening();
        await using var faults = new FaultProxy();
        var proxy = await faults.AddProxyAsync(new ProxyOptions { Name = "nowhere", Upstream = closed.LocalEndPoint!.ToString()! }, deadline.Token);

        using var client = await Client.ConnectAsync(proxy.ListenEndpoint, deadline.Token);

        Assert.Equal(0, (await Client.ReadToEndAsync(client, deadline.Token)).Bytes);
        await Client.WaitUntilAsync(() => proxy.Counters.UpstreamConnectFailures == 1, "the failure is counted", deadline.Token);
    }

    [Fact]
    public async Task Reset_enables_every_proxy_and_removes_every_toxic()
    {
        using var deadline = Client.Deadline(Limit);
        await using var faults = new FaultProxy();
        var a = await faults.AddProxyAsync(new ProxyOptions { Name = "a", Upstream = "127.0.0.1:1", Enabled = false }, deadline.Token);
        var b = await faults.AddProxyAsync(new ProxyOptions { Name = "b", Upstream = "127.0.0.1:1" }, deadline.Token);
        faults.AddToxic("b", new TimeoutToxic { Stream = ToxicStream.Upstream });
        faults.AddToxic("b", new LatencyToxic { Name = "slow" });

        await faults.ResetAsync(deadline.Token);

        Assert.True(a.Enabled && b.Enabled);
        Assert.Empty(b.Toxics);
    }

    [Fact]
    public async Task Bad_requests_are_refused_with_their_reason()
    {
        using var deadline = Client.Deadline(Limit);
        await using var faults = new FaultProxy();
        var open = new ProxyOptions { Name = "p", Upstream = "127.0.0.1:1" };

        async Task<ProxyError> Refused(Func<Task> request) => (await Assert.ThrowsAsync<ProxyException>(request)).Error;

        Assert.Equal(ProxyError.Invalid, await Refused(() => faults.AddProxyAsync(open with { Listen = new IPEndPoint(IPAddress.Any, 0) })));
        Assert.Equal(ProxyError.Invalid, await Refused(() => faults.AddProxyAsync(open with { Upstream = "no-port" })));
        var proxy = await faults.AddProxyAsync(open, deadline.Token);
        Assert.Equal(ProxyError.ProxyExists, await Refused(() => faults.AddProxyAsync(open)));
        Assert.Equal(ProxyError.ListenFailed, await Refused(() => faults.AddProxyAsync(open with { Name = "q", Listen = proxy.ListenEndpoint })));
        Assert.Equal(ProxyError.ProxyNotFound, await Refused(() => faults.SetEnabledAsync("nope", false)));

        faults.AddToxic("p", new LatencyToxic());
        Assert.Equal(ProxyError.ToxicExists, Assert.Throws<ProxyException>(() => faults.AddToxic("p", new LatencyToxic())).Error);
        Assert.Equal(ProxyError.Invalid, Assert.Throws<ProxyException>(() => faults.AddToxic("p", new LatencyToxic { Name = "x", Toxicity = 1.5 })).Error);
        Assert.Equal(ProxyError.Invalid, Assert.Throws<ProxyException>(() => faults.AddToxic("p", new SlicerToxic { AverageSize = 10, SizeVariation = 10 })).Error);
        Assert.Equal(ProxyError.Invalid, Assert.Throws<ProxyException>(() => faults.UpdateToxic("p", "latency_downstream", new BandwidthToxic())).Error);
        Assert.Equal(ProxyError.ToxicNotFound, Assert.Throws<ProxyException>(() => faults.RemoveToxic("p", "nope")).Error);
    }

    // Holds a port without listening on it: connections to it are refused, and no other test can take it meanwhile.
    private static Socket BoundNotListening()
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return socket;
    }
}
