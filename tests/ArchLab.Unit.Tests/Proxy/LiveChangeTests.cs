using System.Net.Sockets;
using System.Security.Cryptography;
using ArchLab.Proxy;
using ArchLab.Proxy.Proxies;
using ArchLab.Proxy.Toxics;

namespace ArchLab.Unit.Tests.Proxy;

/// <summary>Toxics added, changed and removed on an open connection under continuous traffic, in both directions
/// through an echo: not a byte lost, repeated or reordered.</summary>
[Collection(Timing.Name)]
public sealed class LiveChangeTests
{
    private const int Total = 3_000_000;
    private const int Step = 96 * 1024; // bytes echoed between two changes

    // The sender stays at most this far ahead of the echo, so traffic keeps flowing through every change (loopback
    // buffers would otherwise take the whole stream at once).
    private const int Window = 512 * 1024;

    [Fact]
    public async Task Live_toxic_changes_lose_and_reorder_no_byte()
    {
        using var deadline = Client.Deadline(TimeSpan.FromSeconds(60));
        var token = deadline.Token;
        await using var server = TcpTestServer.Echo();
        await using var faults = new FaultProxy(new FaultProxyOptions { Seed = 11 });
        var proxy = await faults.AddProxyAsync(new ProxyOptions { Name = "echo", Upstream = server.Address }, token);
        using var client = await Client.ConnectAsync(proxy.ListenEndpoint, token);

        using var received = new Progress();
        var sending = SendAsync(client, received, token);
        var receiving = ReceiveAsync(client, received, token);

        // The sender may send only what the test allows, a step at a time: each change comes when half of the step
        // is echoed, so the other half is on its way through the proxy as the toxics change.
        async Task Then(Action change)
        {
            var allowed = received.Allow(Step);
            await Client.WaitUntilAsync(() => received.Bytes >= allowed - (Step / 2), $"{allowed - (Step / 2)} bytes echoed", token);
            change();
        }

        const string Proxy = "echo";
        await Then(() => faults.AddToxic(Proxy, new LatencyToxic { Latency = TimeSpan.FromMilliseconds(10), Jitter = TimeSpan.FromMilliseconds(5) }));
        await Then(() => faults.AddToxic(Proxy, new SlicerToxic
        {
            Stream = ToxicStream.Upstream,
            AverageSize = 700,
            SizeVariation = 300,
            Delay = TimeSpan.FromMicroseconds(50),
        }));
        await Then(() => faults.UpdateToxic(Proxy, "latency_downstream", new LatencyToxic { Latency = TimeSpan.FromMilliseconds(2), Jitter = TimeSpan.FromMilliseconds(2) }));
        await Then(() => faults.AddToxic(Proxy, new BandwidthToxic { RateKBps = 4000 }));
        await Then(() => faults.AddToxic(Proxy, new TimeoutToxic { Stream = ToxicStream.Upstream }));

        // The black hole holds data: the proxy reads the next step and passes none of it on.
        received.Allow(Step);
        await Client.WaitUntilAsync(() => proxy.Counters is var c && c.UpstreamBytesReceived - c.UpstreamBytesSent > 64 * 1024,
            "the black hole holds data", token);
        faults.RemoveToxic(Proxy, "timeout_upstream");
        await Then(() => faults.UpdateToxic(Proxy, "bandwidth_downstream", new BandwidthToxic { RateKBps = 8000, Toxicity = 0.99 }));
        await Then(() => faults.RemoveToxic(Proxy, "slicer_upstream"));
        await Then(() => faults.AddToxic(Proxy, new LatencyToxic { Stream = ToxicStream.Upstream, Latency = TimeSpan.FromMilliseconds(1) }));
        await Then(() => faults.RemoveToxic(Proxy, "bandwidth_downstream"));
        await Then(() => faults.RemoveToxic(Proxy, "latency_downstream"));
        await Then(() => faults.RemoveToxic(Proxy, "latency_upstream"));

        received.Allow(Total);
        var sentHash = await sending;
        var receivedHash = await receiving;
        Assert.Equal(Total, received.Bytes);
        Assert.Equal(sentHash, receivedHash);
    }

    private sealed class Progress : IDisposable
    {
        private readonly SemaphoreSlim _advanced = new(0);
        private readonly SemaphoreSlim _allowedMore = new(0);
        private long _bytes;
        private long _allowed;

        public long Bytes => Interlocked.Read(ref _bytes);

        /// <summary>Lets the sender send <paramref name="bytes"/> more (at most the total); returns the new limit.</summary>
        public long Allow(long bytes)
        {
            var allowed = Math.Min(Total, Interlocked.Add(ref _allowed, bytes));
            _allowedMore.Release();
            return allowed;
        }

        public async Task WaitAllowedAsync(long position, CancellationToken token)
        {
            while (Interlocked.Read(ref _allowed) < position)
            {
                await _allowedMore.WaitAsync(token);
            }
        }

        public void Add(int bytes)
        {
            Interlocked.Add(ref _bytes, bytes);
            _advanced.Release();
        }

        public async Task WaitUntilAsync(long bytes, CancellationToken token)
        {
            while (Bytes < bytes)
            {
                await _advanced.WaitAsync(token);
            }
        }

        public void Dispose()
        {
            _advanced.Dispose();
            _allowedMore.Dispose();
        }
    }

    /// <summary>Writes the pattern in writes of varied size, then the end of stream; returns the SHA-256 of what it sent.</summary>
    private static async Task<string> SendAsync(Socket client, Progress echoed, CancellationToken token)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var sizes = new Random(5);
        var buffer = new byte[20_000];
        for (long position = 0; position < Total;)
        {
            var size = (int)Math.Min(sizes.Next(1, buffer.Length), Total - position);
            await echoed.WaitAllowedAsync(position + size, token);
            await echoed.WaitUntilAsync(position + size - Window, token);
            Pattern.Fill(buffer.AsSpan(0, size), position);
            hash.AppendData(buffer, 0, size);
            await client.SendAsync(buffer.AsMemory(0, size), SocketFlags.None, token);
            position += size;
        }

        client.Shutdown(SocketShutdown.Send);
        return Convert.ToHexString(hash.GetHashAndReset());
    }

    /// <summary>Reads the echo to its end, checking every byte against the pattern; returns its SHA-256.</summary>
    private static async Task<string> ReceiveAsync(Socket client, Progress progress, CancellationToken token)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[64 * 1024];
        while (true)
        {
            var read = await client.ReceiveAsync(buffer, SocketFlags.None, token);
            if (read == 0)
            {
                return Convert.ToHexString(hash.GetHashAndReset());
            }

            var mismatch = Pattern.FirstMismatch(buffer.AsSpan(0, read), progress.Bytes);
            Assert.True(mismatch < 0, $"byte {mismatch} differs from what was sent");
            hash.AppendData(buffer, 0, read);
            progress.Add(read);
        }
    }
}
