using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using ArchLab.Harness.Rabbit;
using ArchLab.Load.Engine;
using ArchLab.Load.Targets;
using ArchLab.Load.Targets.Transports;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace ArchLab.Load.Bench;

/// <summary>
/// How close the harness's RabbitMQ targets, driven by its load engine, come to a minimal loop written directly on
/// RabbitMQ.Client, against the same node (the harness's own, stopped at the end) and, for requests, the same responder
/// process. Both sides run <c>concurrency</c> callers on one connection and one channel, as the targets do: publish
/// awaits each publisher confirm (persistent messages to a quorum queue, the queue purged between runs), request
/// awaits each reply over direct reply-to. Rounds alternate (reference, harness, ...) so a noisy neighbour hurts both.
/// </summary>
internal static class RabbitBenchmark
{
    private const string PublishQueue = "bench.publish";
    private const string RequestQueue = "bench.request";

    public static async Task<int> RunAsync(BenchArguments arguments)
    {
        var duration = arguments.Duration("duration", TimeSpan.FromSeconds(5));
        var rounds = arguments.Int("rounds", 3);
        var concurrency = arguments.Int("concurrency", 16);
        var payload = arguments.Int("payload", 128);

        var install = RabbitInstall.Find() ?? throw new InvalidOperationException(RabbitInstall.Missing);
        var folder = Directory.CreateTempSubdirectory("archlab-bench-rabbit-");
        try
        {
            await using var node = await LocalRabbitNode.StartAsync(install, Path.Combine(folder.FullName, "node"), Path.Combine(folder.FullName, "rabbitmq.log"), CancellationToken.None);
            var url = node.AmqpUri;
            await DeclarePublishQueueAsync(url);
            await using var responder = await ServerProcess.StartAsync("rabbit-respond", "--url", url.ToString(), "--queue", RequestQueue);
            Console.WriteLine($"rabbitmq {node.Version} node {node.NodeName} (pid {node.Pid}) ready in {node.Startup.TotalSeconds:0.0} s; responder pid {responder.ProcessId}; " +
                $"{payload} B messages, {duration.TotalSeconds:0.#} s per run, {concurrency} callers each");

            var figures = new (string Name, List<double> Reference, List<double> Harness)[] { ("publish", [], []), ("request", [], []) };
            for (var round = 1; round <= rounds; round++)
            {
                figures[0].Reference.Add(await ReferenceAsync(url, payload, concurrency, duration, publish: true));
                await PurgeAsync(url);
                figures[0].Harness.Add(await HarnessAsync(url, payload, concurrency, duration, publish: true));
                await PurgeAsync(url);
                figures[1].Reference.Add(await ReferenceAsync(url, payload, concurrency, duration, publish: false));
                figures[1].Harness.Add(await HarnessAsync(url, payload, concurrency, duration, publish: false));
                foreach (var (name, reference, harness) in figures)
                {
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"round {round}: {name,-8} reference {reference[^1],10:N0} msg/s   harness {harness[^1],10:N0} msg/s   ({harness[^1] / reference[^1]:P1})"));
                }
            }

            var passed = true;
            foreach (var (name, reference, harness) in figures)
            {
                var ratio = harness.Average() / reference.Average();
                passed &= ratio >= 0.9;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{name}: harness {harness.Average():N0} msg/s vs RabbitMQ.Client loop {reference.Average():N0} msg/s = {ratio:P1} (target >= 90%: {(ratio >= 0.9 ? "met" : "MISSED")})"));
            }

            return passed ? 0 : 1;
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static async Task DeclarePublishQueueAsync(Uri url)
    {
        await using var connection = await new ConnectionFactory { Uri = url }.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        await channel.QueueDeclareAsync(PublishQueue, durable: true, exclusive: false, autoDelete: false, new Dictionary<string, object?> { ["x-queue-type"] = "quorum" });
    }

    private static async Task PurgeAsync(Uri url)
    {
        await using var connection = await new ConnectionFactory { Uri = url }.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        await channel.QueuePurgeAsync(PublishQueue);
    }

    /// <summary>The reference: <paramref name="concurrency"/> loops on one channel, each awaiting its confirm or its reply, after a 1 s warm-up.</summary>
    private static async Task<double> ReferenceAsync(Uri url, int payload, int concurrency, TimeSpan duration, bool publish)
    {
        await using var connection = await new ConnectionFactory { Uri = url }.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: publish, publisherConfirmationTrackingEnabled: publish));
        var replies = new ConcurrentDictionary<string, TaskCompletionSource>();
        if (!publish)
        {
            var consumer = new AsyncEventingBasicConsumer(channel);
            consumer.ReceivedAsync += (_, reply) =>
            {
                if (reply.BasicProperties.CorrelationId is { } id && replies.TryRemove(id, out var waiting))
                {
                    waiting.TrySetResult();
                }

                return Task.CompletedTask;
            };
            await channel.BasicConsumeAsync(RabbitRpcLoadTarget.DirectReplyTo, autoAck: true, consumer);
        }

        var body = new byte[payload];
        var persistent = new BasicProperties { Persistent = true };
        long next = 0;
        async Task<long> LoopAsync(long end)
        {
            long done = 0;
            while (Stopwatch.GetTimestamp() < end)
            {
                if (publish)
                {
                    await channel.BasicPublishAsync("", PublishQueue, mandatory: true, persistent, body);
                }
                else
                {
                    var id = Interlocked.Increment(ref next).ToString(CultureInfo.InvariantCulture);
                    var answered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                    replies[id] = answered;
                    await channel.BasicPublishAsync("", RequestQueue, mandatory: false, new BasicProperties { ReplyTo = RabbitRpcLoadTarget.DirectReplyTo, CorrelationId = id }, body);
                    await answered.Task;
                }

                done++;
            }

            return done;
        }

        async Task<long> RunForAsync(TimeSpan span)
        {
            var end = Stopwatch.GetTimestamp() + (long)(span.TotalSeconds * Stopwatch.Frequency);
            var counts = await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(() => LoopAsync(end))));
            return counts.Sum();
        }

        await RunForAsync(TimeSpan.FromSeconds(1));
        var clock = Stopwatch.StartNew();
        var total = await RunForAsync(duration);
        return total / clock.Elapsed.TotalSeconds;
    }

    /// <summary>The harness: its RabbitMQ target driven by its closed model (<paramref name="users"/> users), a 1 s warm-up, caller log written as in a run.</summary>
    private static async Task<double> HarnessAsync(Uri url, int payload, int users, TimeSpan duration, bool publish)
    {
        var options = new RabbitTargetOptions { Url = url, Queue = publish ? PublishQueue : RequestQueue, PayloadBytes = payload };
        await using var target = publish
            ? (IAsyncDisposable)await RabbitPublishLoadTarget.ConnectAsync(options, CancellationToken.None)
            : await RabbitRpcLoadTarget.ConnectAsync(options, CancellationToken.None);
        return await ClosedLoad.AcceptedPerSecAsync((ILoadTarget)target, users, duration, "rabbit");
    }
}
