using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using ArchLab.Load.Engine;
using ArchLab.Load.Targets;
using ArchLab.Proxy;
using ArchLab.Proxy.Proxies;
using HdrHistogram;

namespace ArchLab.Load.Bench;

/// <summary>
/// What the TCP fault proxy costs with no toxic: the round trip of one request at a time, and the requests per second
/// of a closed-model load, each direct to the no-op endpoint, through an in-process proxy, through the proxy in a
/// process of its own and through socat, in alternating rounds so that a noisy neighbour hurts them alike; and the
/// whole machine's CPU per request of each, which on saturated cores sets the share of direct a relay can reach. Targets: proxied p50 &lt;= 1.2 x direct + 100 µs; proxied throughput
/// &gt;= 70% of direct.
/// </summary>
internal static class ProxyBenchmark
{
    private static readonly byte[] Request = "GET /noop HTTP/1.1\r\nHost: bench\r\n\r\n"u8.ToArray();

    public static async Task<int> RunAsync(BenchArguments arguments)
    {
        var rounds = arguments.Int("rounds", 3);
        var requests = arguments.Int("requests", 5000);
        var connections = arguments.Int("connections", 16);
        var duration = arguments.Duration("duration", TimeSpan.FromSeconds(5));

        await using var server = await ServerProcess.StartAsync();
        await using var faults = new FaultProxy();
        var proxy = await faults.AddProxyAsync(new ProxyOptions { Name = "bench", Upstream = $"{server.Url.Host}:{server.Url.Port}" });
        var direct = new IPEndPoint(IPAddress.Loopback, server.Url.Port);
        var proxied = proxy.ListenEndpoint;
        // The same proxy in a process of its own: its CPU is then not the load generator's.
        await using var relay = await ServerProcess.StartAsync("relay", "--upstream", $"{server.Url.Host}:{server.Url.Port}");
        var ownProcess = new IPEndPoint(IPAddress.Loopback, relay.Url.Port);
        // A relay no one here wrote, as a reference for what relaying costs on this machine: socat, one process per connection.
        using var socat = Socat.Start(server.Url.Port);
        if (socat is not null)
        {
            Console.WriteLine($"reference relay: socat (pid {socat.Process.Id}) at {socat.Endpoint}");
        }

        Console.WriteLine($"no-op endpoint {server.Url} (pid {server.ProcessId}), proxy {proxy.Listen}; {rounds} rounds of " +
            $"{requests} sequential requests and {duration.TotalSeconds:0.#} s at {connections} connections, direct then proxied");

        await RoundTripsAsync(direct, requests); // warms the server, the proxy and both clients
        await RoundTripsAsync(proxied, requests);
        var relayed = new List<double>();
        var cpuBefore = CpuTimes.Read();

        var p50 = (Direct: new List<double>(), Proxied: new List<double>());
        var rate = (Direct: new List<double>(), Proxied: new List<double>());
        var cpuPerRequest = (Direct: new List<double>(), Proxied: new List<double>());
        var machinePerRequest = (Direct: new List<double>(), Proxied: new List<double>(), Socat: new List<double>(), OwnProcess: new List<double>());
        var ownProcessRate = new List<double>();
        var busy = new List<double>();
        long directAllocated = 0, proxiedAllocated = 0;
        for (var round = 1; round <= rounds; round++)
        {
            var (directP50, directBytes) = await RoundTripsAsync(direct, requests);
            p50.Direct.Add(directP50);
            directAllocated += directBytes;
            var (proxiedP50, allocated) = await RoundTripsAsync(proxied, requests);
            p50.Proxied.Add(proxiedP50);
            proxiedAllocated += allocated;
            var (directRate, directCpu, directMachine) = await RequestsPerSecondAsync(direct, connections, duration);
            var (proxiedRate, proxiedCpu, proxiedMachine) = await RequestsPerSecondAsync(proxied, connections, duration);
            machinePerRequest.Direct.Add(directMachine.PerRequest);
            machinePerRequest.Proxied.Add(proxiedMachine.PerRequest);
            busy.Add(directMachine.Busy);
            busy.Add(proxiedMachine.Busy);
            rate.Direct.Add(directRate);
            rate.Proxied.Add(proxiedRate);
            cpuPerRequest.Direct.Add(directCpu);
            cpuPerRequest.Proxied.Add(proxiedCpu);
            var (relayRate, _, relayMachine) = await RequestsPerSecondAsync(ownProcess, connections, duration);
            ownProcessRate.Add(relayRate);
            machinePerRequest.OwnProcess.Add(relayMachine.PerRequest);
            if (socat is not null)
            {
                var (socatRate, _, socatMachine) = await RequestsPerSecondAsync(socat.Endpoint, connections, duration);
                relayed.Add(socatRate);
                machinePerRequest.Socat.Add(socatMachine.PerRequest);
            }

            Console.WriteLine(Invariant(
                $"round {round}: round trip p50 direct {p50.Direct[^1]:0.0} µs, proxied {p50.Proxied[^1]:0.0} µs; throughput direct {rate.Direct[^1]:N0} req/s, proxied {rate.Proxied[^1]:N0} req/s, proxy in its own process {ownProcessRate[^1]:N0} req/s")
                + (socat is null ? "" : Invariant($", socat {relayed[^1]:N0} req/s")));
        }

        var cpu = CpuTimes.Read() - cpuBefore;
        var latencyLimit = (1.2 * Median(p50.Direct)) + 100;
        var latencyMet = Median(p50.Proxied) <= latencyLimit;
        var share = Median(rate.Proxied) / Median(rate.Direct);
        var throughputMet = share >= 0.7;
        Console.WriteLine(Invariant(
            $"round trip p50 (median of rounds): direct {Median(p50.Direct):0.0} µs, proxied {Median(p50.Proxied):0.0} µs (target <= 1.2 x direct + 100 µs = {latencyLimit:0.0} µs: {(latencyMet ? "met" : "missed")})"));
        Console.WriteLine(Invariant(
            $"throughput (median of rounds): direct {Median(rate.Direct):N0} req/s, proxied {Median(rate.Proxied):N0} req/s = {share:P1} (target >= 70%: {(throughputMet ? "met" : "missed")})"));
        Console.WriteLine(Invariant(
            $"the proxy in its own process: {Median(ownProcessRate):N0} req/s = {Median(ownProcessRate) / Median(rate.Direct):P1} of direct"));
        if (relayed.Count > 0)
        {
            Console.WriteLine(Invariant(
                $"reference relay (socat): {Median(relayed):N0} req/s = {Median(relayed) / Median(rate.Direct):P1} of direct; the proxy carries {Median(rate.Proxied) / Median(relayed):P1} of what socat carries"));
        }

        var counters = proxy.Counters;
        Console.WriteLine(Invariant(
            $"allocated per round trip: direct {directAllocated / (double)(rounds * requests):0.0} bytes (the client), proxied {proxiedAllocated / (double)(rounds * requests):0.0} bytes (client and proxy); the proxy carried {counters.ConnectionsAccepted} connections, {counters.UpstreamBytesSent + counters.DownstreamBytesSent:N0} bytes"));
        Console.WriteLine(Invariant(
            $"CPU of this process per request under load: direct {Median(cpuPerRequest.Direct):0.0} µs (the client), proxied {Median(cpuPerRequest.Proxied):0.0} µs (client and proxy)"));
        Console.WriteLine(Invariant($"machine during the rounds: busy {cpu.BusyShare:P0}, stolen by the host {cpu.StealShare:P1}"));

        // With every core busy, requests per second = cores / CPU per request: what relaying adds to each request's CPU
        // (client, server and relay together) sets the share of direct a relay can reach, whoever wrote it.
        var directCost = Median(machinePerRequest.Direct);
        var proxyAdds = Median(machinePerRequest.Proxied) - directCost;
        Console.WriteLine(Invariant(
            $"CPU of the whole machine per request under load (cores busy {Median(busy):P0}): direct {directCost:0.0} µs, proxied {Median(machinePerRequest.Proxied):0.0} µs (the proxy adds {proxyAdds:0.0} µs), in its own process {Median(machinePerRequest.OwnProcess):0.0} µs (adds {Median(machinePerRequest.OwnProcess) - directCost:0.0} µs)")
            + (machinePerRequest.Socat.Count == 0 ? "" : Invariant($", socat {Median(machinePerRequest.Socat):0.0} µs (adds {Median(machinePerRequest.Socat) - directCost:0.0} µs)")));
        Console.WriteLine(Invariant(
            $"limit on these cores: 70% of direct needs a relay that adds at most {directCost * (1 / 0.7 - 1):0.0} µs per request (0.43 x direct's {directCost:0.0} µs); relaying a request and its answer is four more socket operations through the kernel"));
        return latencyMet && throughputMet ? 0 : 1;
    }

    /// <summary>One keep-alive connection, one request at a time: the p50 round trip in microseconds, and the bytes this
    /// process allocated meanwhile (the proxy's data path, when proxied).</summary>
    private static async Task<(double P50, long Allocated)> RoundTripsAsync(IPEndPoint endpoint, int requests)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(endpoint);
        var histogram = new LongHistogram(1, 10_000_000_000, 3); // nanoseconds, up to 10 s
        var buffer = new byte[4096];
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        for (var i = 0; i < requests; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await socket.SendAsync(Request.AsMemory(), SocketFlags.None);
            await ReadAnswerAsync(socket, buffer);
            var nanoseconds = Stopwatch.GetElapsedTime(start).Ticks * 100;
            histogram.RecordValue(Math.Clamp(nanoseconds, 1, histogram.HighestTrackableValue));
        }

        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        return (histogram.GetValueAtPercentile(50) / 1000.0, allocated);
    }

    /// <summary>Reads one answer of the no-op endpoint: headers only (it answers with Content-Length: 0).</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private static async ValueTask ReadAnswerAsync(Socket socket, byte[] buffer)
    {
        var length = 0;
        while (buffer.AsSpan(0, length).IndexOf("\r\n\r\n"u8) < 0)
        {
            var read = await socket.ReceiveAsync(buffer.AsMemory(length), SocketFlags.None);
            if (read == 0)
            {
                throw new IOException("the endpoint closed the connection");
            }

            length += read;
        }
    }

    /// <summary>Requests per second of a closed-model load, and the CPU this process spent per request: the client's
    /// alone when direct, the client's and the proxy's when proxied; and the whole machine's per request, with how busy
    /// its cores were.</summary>
    private static async Task<(double Rate, double CpuMicroseconds, (double PerRequest, double Busy) Machine)> RequestsPerSecondAsync(
        IPEndPoint endpoint, int connections, TimeSpan duration)
    {
        using var target = new HttpLoadTarget(new HttpTargetOptions { Url = new Uri($"http://{endpoint}/noop") });
        var options = new LoadOptions
        {
            Model = LoadModel.Closed,
            Users = connections,
            Warmup = TimeSpan.FromSeconds(1),
            Duration = duration,
            Timeout = TimeSpan.FromSeconds(5),
        };
        var cpuBefore = ProcessorTime();
        var machineBefore = CpuTimes.Read();
        var report = await new LoadEngine(options, target).RunAsync(null, CancellationToken.None);
        var cpu = ProcessorTime() - cpuBefore;
        var machine = CpuTimes.Read() - machineBefore;
        if (report.Counts.Errors > 0)
        {
            Console.WriteLine($"  errors: {string.Join(", ", report.ErrorsByKind.Select(e => $"{e.Key}={e.Value}"))}");
        }

        // Warm-up and measured window alike ran at about the measured rate.
        var requests = report.AcceptedPerSec * (options.Warmup + duration).TotalSeconds;
        return (report.AcceptedPerSec, cpu.TotalMicroseconds / requests, (machine.BusyMicroseconds / requests, machine.BusyShare));
    }

    private static TimeSpan ProcessorTime()
    {
        using var self = Process.GetCurrentProcess();
        return self.TotalProcessorTime;
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>socat relaying a loopback port to the endpoint, when it is installed; stopped (by its pid) on dispose.</summary>
    private sealed class Socat(Process process, IPEndPoint endpoint) : IDisposable
    {
        public Process Process { get; } = process;

        public IPEndPoint Endpoint { get; } = endpoint;

        public static Socat? Start(int upstreamPort)
        {
            var binary = new[] { "/usr/bin/socat", "/bin/socat" }.FirstOrDefault(File.Exists);
            if (binary is null)
            {
                Console.WriteLine("reference relay: socat is not installed (apt-get install socat), left out");
                return null;
            }

            var port = ArchLab.Harness.Processes.PortLease.Take(1)[0];
            var info = new ProcessStartInfo(binary) { UseShellExecute = false };
            info.ArgumentList.Add($"TCP-LISTEN:{port},bind=127.0.0.1,fork,reuseaddr");
            info.ArgumentList.Add($"TCP:127.0.0.1:{upstreamPort},nodelay");
            var process = Process.Start(info)!;
            var endpoint = new IPEndPoint(IPAddress.Loopback, port);
            // Listening once a connection is accepted: tried until it is, for a few seconds at most.
            for (var attempt = 0; ; attempt++)
            {
                try
                {
                    using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                    probe.Connect(endpoint);
                    return new Socat(process, endpoint);
                }
                catch (SocketException) when (attempt < 100 && !process.HasExited)
                {
                    Thread.Sleep(50);
                }
            }
        }

        public void Dispose()
        {
            if (!Process.HasExited)
            {
                Process.Kill(entireProcessTree: true);
                Process.WaitForExit();
            }

            Process.Dispose();
        }
    }
}
