using System.Net.Sockets;
using ArchLab.Proxy;
using ArchLab.Proxy.Proxies;
using ArchLab.Proxy.Toxics;

namespace ArchLab.Unit.Tests.Proxy;

/// <summary>Toxicity is drawn once per connection and toxic: 0 never applies, 1 always does, in between some
/// connections are affected and the others not at all.</summary>
public sealed class ToxicityTests
{
    private static readonly TimeSpan Latency = TimeSpan.FromMilliseconds(200);

    [Fact]
    public async Task Toxicity_zero_never_applies_and_one_always_does_even_on_open_connections()
    {
        using var deadline = Client.Deadline(TimeSpan.FromSeconds(20));
        await using var server = TcpTestServer.Echo();
        await using var faults = new FaultProxy(new FaultProxyOptions { Seed = 21 });
        var proxy = await faults.AddProxyAsync(new ProxyOptions { Name = "echo", Upstream = server.Address }, deadline.Token);
        faults.AddToxic("echo", new LatencyToxic { Latency = Latency, Toxicity = 0 });
        var clients = new List<Socket>();
        try
        {
            for (var i = 0; i < 4; i++)
            {
                clients.Add(await Client.ConnectAsync(proxy.ListenEndpoint, deadline.Token));
            }

            foreach (var rtt in await Task.WhenAll(clients.Select(c => Client.RoundTripAsync(c, deadline.Token))))
            {
                Assert.InRange(rtt, 0, 150);
            }

            faults.UpdateToxic("echo", "latency_downstream", new LatencyToxic { Latency = Latency, Toxicity = 1 });
            foreach (var rtt in await Task.WhenAll(clients.Select(c => Client.RoundTripAsync(c, deadline.Token))))
            {
                Assert.InRange(rtt, Latency.TotalMilliseconds - 1, Latency.TotalMilliseconds + 300);
            }
        }
        finally
        {
            clients.ForEach(c => c.Dispose());
        }
    }

    [Fact]
    public async Task Toxicity_in_between_affects_some_connections_wholly_and_spares_the_others()
    {
        const int Connections = 16;
        using var deadline = Client.Deadline(TimeSpan.FromSeconds(20));
        await using var server = TcpTestServer.Echo();
        await using var faults = new FaultProxy(new FaultProxyOptions { Seed = 22 });
        var proxy = await faults.AddProxyAsync(new ProxyOptions { Name = "echo", Upstream = server.Address }, deadline.Token);
        faults.AddToxic("echo", new LatencyToxic { Latency = Latency, Toxicity = 0.5 });
        var clients = new List<Socket>();
        try
        {
            for (var i = 0; i < Connections; i++)
            {
                clients.Add(await Client.ConnectAsync(proxy.ListenEndpoint, deadline.Token));
            }

            // Two round trips each: a connection is slow both times or fast both times.
            var first = await Task.WhenAll(clients.Select(c => Client.RoundTripAsync(c, deadline.Token)));
            var second = await Task.WhenAll(clients.Select(c => Client.RoundTripAsync(c, deadline.Token)));
            var slow = first.Zip(second).Count(p => p.First >= Latency.TotalMilliseconds - 1 && p.Second >= Latency.TotalMilliseconds - 1);
            var fast = first.Zip(second).Count(p => p.First < 100 && p.Second < 100);

            Assert.Equal(Connections, slow + fast);
            Assert.InRange(slow, 1, Connections - 1);
        }
        finally
        {
            clients.ForEach(c => c.Dispose());
        }
    }
}
