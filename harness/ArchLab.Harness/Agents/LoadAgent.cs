using System.Diagnostics;
using ArchLab.Contracts.Messages;
using ArchLab.Harness.Load;
using ArchLab.Hlog.Codec;
using ArchLab.Load.Engine;
using ArchLab.Load.Targets;
using ArchLab.Harness.Tracing;
using NATS.Client.Core;

namespace ArchLab.Harness.Agents;

/// <summary>
/// <c>archlab agent</c>: the load engine waiting for work on NATS. It answers a coordinator's discovery, takes one
/// share at a time, starts it at the coordinator's wall-clock instant, and when the load has ended puts its files in
/// the object store and reports what it measured. A share can be cancelled before or while it runs. It also runs
/// roles of an arm on its host for coordinators that place them here (<see cref="AgentRoles"/>), reached by callers at
/// <paramref name="advertise"/>.
/// </summary>
public sealed class LoadAgent(string natsUrl, string name, Action<string> log, string advertise = "127.0.0.1")
{
    private readonly Lock _gate = new();
    private (string Run, CancellationTokenSource Stop)? _share;

    public string Name { get; } = AgentProtocol.IsName(name) ? name : throw new ArgumentException($"agent name '{name}': letters, digits, '-' and '_' only", nameof(name));

    /// <summary>Serves until <paramref name="cancellationToken"/> is cancelled; <paramref name="ready"/> runs once it listens.</summary>
    public async Task RunAsync(Action? ready, CancellationToken cancellationToken)
    {
        await using var nats = new NatsConnection(new NatsOpts { Url = natsUrl, Name = $"archlab-agent-{Name}" });
        await nats.ConnectAsync();
        var files = await AgentFiles.OpenAsync(nats, cancellationToken);
        await using var discover = await nats.SubscribeCoreAsync<byte[]>(AgentProtocol.Discover, cancellationToken: cancellationToken);
        await using var work = await nats.SubscribeCoreAsync<byte[]>(AgentProtocol.WorkOf(Name), cancellationToken: cancellationToken);
        await using var cancel = await nats.SubscribeCoreAsync<byte[]>(AgentProtocol.CancelOf(Name), cancellationToken: cancellationToken);
        await using var roleRequests = await nats.SubscribeCoreAsync<byte[]>(RoleProtocol.RequestsOf(Name), cancellationToken: cancellationToken);
        await using var alive = await nats.SubscribeCoreAsync<byte[]>(RoleProtocol.AliveOfAll, cancellationToken: cancellationToken);
        await using var roles = new AgentRoles(nats, files, advertise, log);
        // The server handles a connection's protocol in order: once it answers a PING it knows every subscription
        // above, so a harness that asks right after "ready" finds this agent (a subscribe call returns before that).
        await nats.PingAsync(cancellationToken);
        log($"agent {Name} ready on {natsUrl} (pid {Environment.ProcessId}, build {AgentProtocol.Version}, roles at {advertise})");
        ready?.Invoke();
        await Task.WhenAll(
            Serve(discover, m => m.ReplyAsync(AgentProtocol.Encode(Info()), cancellationToken: cancellationToken), cancellationToken),
            Serve(cancel, m => { Cancel(System.Text.Encoding.UTF8.GetString(m.Data ?? [])); return ValueTask.CompletedTask; }, cancellationToken),
            Serve(work, m => m.ReplyAsync(AgentProtocol.Encode(Take(m.Data, nats, files, cancellationToken)), cancellationToken: cancellationToken), cancellationToken),
            Serve(alive, m => { roles.Heard(m.Subject); return ValueTask.CompletedTask; }, cancellationToken),
            // Each on its own: a role's start waits for it to be ready, and a signal to another role must not wait behind it.
            Serve(roleRequests, m =>
            {
                _ = Task.Run(async () => await m.ReplyAsync(AgentProtocol.Encode(await roles.HandleAsync(m.Data, cancellationToken)), cancellationToken: cancellationToken), cancellationToken);
                return ValueTask.CompletedTask;
            }, cancellationToken));
    }

    private AgentInfo Info()
    {
        lock (_gate)
        {
            return new AgentInfo(Name, Environment.MachineName, Environment.ProcessId, AgentProtocol.Version, _share is not null, advertise);
        }
    }

    private static async Task Serve(INatsSub<byte[]> subscription, Func<NatsMsg<byte[]>, ValueTask> handle, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var message in subscription.Msgs.ReadAllAsync(cancellationToken))
            {
                await handle(message);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Accepts a share, or says why not; an accepted share runs on its own.</summary>
    private AgentReply Take(byte[]? data, NatsConnection nats, AgentFiles files, CancellationToken cancellationToken)
    {
        AgentWork work;
        try
        {
            work = AgentProtocol.Decode<AgentWork>(data ?? []);
            work.Load.Validate();
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or ArgumentException or NotSupportedException)
        {
            return new AgentReply(false, $"not a share of work: {e.Message}");
        }

        var late = DateTimeOffset.UtcNow - work.StartAt;
        if (late > TimeSpan.Zero)
        {
            return new AgentReply(false, $"the share's start was {late.TotalMilliseconds:0} ms past when it came: are the hosts' clocks in step (NTP)?");
        }

        var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        lock (_gate)
        {
            if (_share is { } busy)
            {
                stop.Dispose();
                return new AgentReply(false, $"busy with run {busy.Run}");
            }

            _share = (work.Run, stop);
        }

        _ = Task.Run(async () =>
        {
            try
            {
                await RunShareAsync(work, nats, files, stop.Token);
            }
            finally
            {
                lock (_gate)
                {
                    _share = null;
                }

                stop.Dispose();
            }
        }, CancellationToken.None);
        return new AgentReply(true, null);
    }

    private void Cancel(string run)
    {
        lock (_gate)
        {
            if (_share is { } share && share.Run == run)
            {
                log($"run {run} cancelled by its coordinator");
                share.Stop.Cancel();
            }
        }
    }

    private async Task RunShareAsync(AgentWork work, NatsConnection nats, AgentFiles files, CancellationToken cancellationToken)
    {
        var folder = Directory.CreateTempSubdirectory("archlab-agent-");
        var prefix = $"{work.Arm}.{Name}";
        AgentDone done;
        // Once a second until it reports, the share's latest progress: the coordinator adds them up, and an agent
        // silent for long is one that died.
        var latest = new LoadProgress(LoadPhase.WarmUp, TimeSpan.Zero, work.Load.Warmup + work.Load.Duration, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        using var beat = new Timer(_ => _ = nats.PublishAsync(AgentProtocol.ProgressOf(work.Run, Name), AgentProtocol.Encode(latest)).AsTask(),
            null, TimeSpan.Zero, AgentProtocol.Beat);
        try
        {
            log($"run {work.Run} arm {work.Arm}: share {work.Index + 1} of {work.Count} at {work.Load.RatePerSec:0.#}/s, starting {work.StartAt:HH:mm:ss.fff}");
            using var http = new HttpLoadTarget(new HttpTargetOptions
            {
                Url = work.Target.Url,
                Body = OrderBodies.Create(work.Target.Nonce, work.Target.PayloadBytes),
                PerRequestHeader = work.Target.Traceparent ? new SeqHeader("traceparent", seq => TraceIds.TraceparentOf(new OrderId(work.Target.Nonce, seq))) : null,
            });
            var engine = new LoadEngine(work.Load with { OutputDirectory = folder.FullName, FilePrefix = prefix }, new InterleavedTarget(http, work.Index, work.Count));
            // The engine starts its load a lead after it is called: called that much before the common instant.
            var wait = work.StartAt - LoadEngine.Lead - DateTimeOffset.UtcNow;
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, cancellationToken);
            }

            var progress = new Progress<LoadProgress>(p => latest = p);
            var report = await engine.RunAsync(progress, cancellationToken);
            var measureStart = DateTimeOffset.UtcNow + Stopwatch.GetElapsedTime(report.MeasureStartTimestamp, Stopwatch.GetTimestamp()).Negate();
            var written = Directory.EnumerateFiles(folder.FullName).Select(Path.GetFileName).OfType<string>().ToList();
            foreach (var file in written)
            {
                await files.PutAsync($"{work.Run}/{Name}/{file}", Path.Combine(folder.FullName, file), cancellationToken);
            }

            string Encode(HdrHistogram.HistogramBase h) => Convert.ToBase64String(CompressedHistogram.Encode(h));
            done = new AgentDone(Name, null, report.Counts, report.WarmupCounts, report.ErrorsByKind, report.Timeline,
                [Encode(report.Latency.Accept), Encode(report.Latency.AcceptUncorrected), Encode(report.Latency.SendDelay),
                 Encode(report.WarmupLatency.Accept), Encode(report.WarmupLatency.AcceptUncorrected), Encode(report.WarmupLatency.SendDelay)],
                measureStart, report.MeasureStartTimestamp, report.IntendedOffered, report.Behind, prefix, written);
            log($"run {work.Run} arm {work.Arm}: offered {report.Counts.Offered}, accepted {report.Counts.Accepted}, errors {report.Counts.Errors}");
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            done = Failed(prefix, e is LoadInterruptedException ? "interrupted" : e.Message);
        }
        catch (OperationCanceledException)
        {
            done = Failed(prefix, "cancelled by its coordinator");
        }
        finally
        {
            folder.Delete(recursive: true);
        }

        await nats.PublishAsync(AgentProtocol.DoneOf(work.Run), AgentProtocol.Encode(done), cancellationToken: CancellationToken.None);
    }

    private AgentDone Failed(string prefix, string problem)
    {
        log($"share failed: {problem}");
        var none = new ArchLab.Load.Recording.LoadCounts(0, 0, 0, 0, 0);
        return new AgentDone(Name, problem, none, none, new Dictionary<string, long>(), [], [], DateTimeOffset.UtcNow, 0, null, 0, prefix, []);
    }
}
