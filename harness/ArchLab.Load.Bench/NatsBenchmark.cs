using System.Diagnostics;
using System.Globalization;
using ArchLab.Harness.Broker;
using ArchLab.Load.Engine;
using ArchLab.Load.Targets;
using ArchLab.Load.Targets.Transports;
using NATS.Client.Core;

namespace ArchLab.Load.Bench;

/// <summary>
/// How close the harness's NATS targets, driven by its load engine, come to a minimal loop written directly on
/// NATS.Client.Core, against the same nats-server (a child, stopped by its PID) and, for requests, the same
/// responder process. Publish: one publisher each (the reference awaits PublishAsync in a loop, the engine runs one
/// closed-model user), no subscriber, so the rate is the client's. Request: <c>concurrency</c> requests in flight each.
/// Rounds alternate (reference, harness, reference, harness...) so that a noisy neighbour hurts both alike.
/// </summary>
internal static class NatsBenchmark
{
    private const string PublishSubject = "bench.publish";
    private const string RequestSubject = "bench.request";

    public static async Task<int> RunAsync(BenchArguments arguments)
    {
        var duration = arguments.Duration("duration", TimeSpan.FromSeconds(5));
        var rounds = arguments.Int("rounds", 3);
        var concurrency = arguments.Int("concurrency", 16);
        var payload = arguments.Int("payload", 128);

        var binary = NatsServerLocator.Find(null) ?? throw new InvalidOperationException($"nats-server not found: {NatsServerLocator.InstallHint}");
        var store = Directory.CreateTempSubdirectory("archlab-bench-nats-");
        try
        {
            await using var server = await LocalNatsServer.StartAsync(binary, store.FullName, Path.Combine(store.FullName, "nats-server.log"), CancellationToken.None);
            await using var responder = await ServerProcess.StartAsync("nats-respond", "--url", server.ClientUrl, "--subject", RequestSubject);
            Console.WriteLine($"nats-server {server.Version} at {server.ClientUrl} (pid {server.Pid}); responder pid {responder.ProcessId}; " +
                $"{payload} B messages, {duration.TotalSeconds:0.#} s per run, requests {concurrency} in flight");

            var figures = new (string Name, List<double> Reference, List<double> Harness)[] { ("publish", [], []), ("request", [], []) };
            for (var round = 1; round <= rounds; round++)
            {
                figures[0].Reference.Add(await ReferencePublishAsync(server.ClientUrl, payload, duration));
                figures[0].Harness.Add(await HarnessAsync(server.ClientUrl, PublishSubject, payload, users: 1, duration, publish: true));
                figures[1].Reference.Add(await ReferenceRequestAsync(server.ClientUrl, payload, concurrency, duration));
                figures[1].Harness.Add(await HarnessAsync(server.ClientUrl, RequestSubject, payload, concurrency, duration, publish: false));
                foreach (var (name, reference, harness) in figures)
                {
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"round {round}: {name,-8} reference {reference[^1],12:N0} msg/s   harness {harness[^1],12:N0} msg/s"));
                }
            }

            var passed = true;
            foreach (var (name, reference, harness) in figures)
            {
                var ratio = harness.Average() / reference.Average();
                passed &= ratio >= 0.95;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{name}: harness {harness.Average():N0} msg/s vs NATS.Client.Core loop {reference.Average():N0} msg/s = {ratio:P1} (target >= 95%: {(ratio >= 0.95 ? "met" : "MISSED")})"));
            }

            return passed ? 0 : 1;
        }
        finally
        {
            // The server removes its own store when it stops; this is for a start that failed half-way.
            if (Directory.Exists(store.FullName))
            {
                store.Delete(recursive: true);
            }
        }
    }

    /// <summary>The reference publisher: one loop awaiting PublishAsync, then a PING so that every message is at the server.</summary>
    private static async Task<double> ReferencePublishAsync(string url, int payload, TimeSpan duration)
    {
        await using var nats = new NatsConnection(NatsOpts.Default with { Url = url });
        await nats.ConnectAsync();
        var body = new byte[payload];
        await PublishForAsync(nats, body, TimeSpan.FromSeconds(1)); // warm-up, as the engine's
        var clock = Stopwatch.StartNew();
        var sent = await PublishForAsync(nats, body, duration);
        await nats.PingAsync();
        return sent / clock.Elapsed.TotalSeconds;
    }

    private static async Task<long> PublishForAsync(NatsConnection nats, byte[] body, TimeSpan duration)
    {
        var end = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        long sent = 0;
        while (Stopwatch.GetTimestamp() < end)
        {
            await nats.PublishAsync(PublishSubject, body);
            sent++;
        }

        return sent;
    }

    /// <summary>The reference requester: <paramref name="concurrency"/> loops awaiting RequestAsync.</summary>
    private static async Task<double> ReferenceRequestAsync(string url, int payload, int concurrency, TimeSpan duration)
    {
        await using var nats = new NatsConnection(NatsOpts.Default with { Url = url });
        await nats.ConnectAsync();
        var body = new byte[payload];
        await RequestForAsync(nats, body, concurrency, TimeSpan.FromSeconds(1));
        var clock = Stopwatch.StartNew();
        var replies = await RequestForAsync(nats, body, concurrency, duration);
        return replies / clock.Elapsed.TotalSeconds;
    }

    private static async Task<long> RequestForAsync(NatsConnection nats, byte[] body, int concurrency, TimeSpan duration)
    {
        var end = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var counts = await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            long replies = 0;
            while (Stopwatch.GetTimestamp() < end)
            {
                await nats.RequestAsync<byte[], byte[]>(RequestSubject, body);
                replies++;
            }

            return replies;
        })));
        return counts.Sum();
    }

    /// <summary>The harness: its NATS target driven by its closed model, a 1 s warm-up, caller log written as in a run.</summary>
    private static async Task<double> HarnessAsync(string url, string subject, int payload, int users, TimeSpan duration, bool publish)
    {
        var options = new NatsTargetOptions { Url = url, Subject = subject, PayloadBytes = payload };
        await using var target = publish
            ? (IAsyncDisposable)await NatsPublishLoadTarget.ConnectAsync(options, CancellationToken.None)
            : await NatsRequestLoadTarget.ConnectAsync(options, CancellationToken.None);
        return await ClosedLoad.AcceptedPerSecAsync((ILoadTarget)target, users, duration, "nats");
    }
}
