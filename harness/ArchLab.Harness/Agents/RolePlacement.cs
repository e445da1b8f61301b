using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using ArchLab.Contracts.Hosting;
using ArchLab.Harness.Ledger;
using ArchLab.Harness.Orchestration;
using ArchLab.Harness.Processes;
using NATS.Client.Core;

namespace ArchLab.Harness.Agents;

/// <summary>
/// The roles a run places on load agents (<c>run --place role=agent</c>): which agent runs which role, and the
/// coordinator's side of <see cref="RoleProtocol"/>. An arm's services start, signal and stop a placed role through
/// it as they do a local one; its ledger's progress comes with the agent's beats, and at the arm's end its ledger
/// and log are fetched into the run folder, the ledger's times moved onto this machine's clock.
/// </summary>
public sealed class RolePlacement : IAsyncDisposable
{
    private readonly NatsConnection _nats;
    private readonly AgentFiles _files;
    private readonly string _run;
    private readonly INatsSub<byte[]> _events;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _following;
    private readonly ConcurrentDictionary<(string Arm, string Role), long> _effects = new();
    private readonly ConcurrentDictionary<(string Arm, string Role, int Pid), TaskCompletionSource> _exits = new();

    private readonly Timer _alive;

    private RolePlacement(NatsConnection nats, AgentFiles files, string run, IReadOnlyDictionary<string, AgentInfo> agents, INatsSub<byte[]> events)
    {
        (_nats, _files, _run, AgentOf, _events) = (nats, files, run, agents, events);
        _following = FollowAsync(_stop.Token);
        // Agents stop the roles of a coordinator that went silent: a harness killed mid-arm leaves nothing running there.
        _alive = new Timer(_ => _ = _nats.PublishAsync(RoleProtocol.AliveOf(_run), Array.Empty<byte>()).AsTask(), null, TimeSpan.Zero, RoleProtocol.Beat);
    }

    /// <summary>The agent that runs each placed role.</summary>
    public IReadOnlyDictionary<string, AgentInfo> AgentOf { get; }

    internal static async Task<RolePlacement> OpenAsync(
        NatsConnection nats, AgentFiles files, string run, IReadOnlyDictionary<string, AgentInfo> agents, CancellationToken cancellationToken) =>
        new(nats, files, run, agents, await nats.SubscribeCoreAsync<byte[]>(RoleProtocol.EventsOf(run), cancellationToken: cancellationToken));

    /// <summary>Whether an agent on this machine runs <paramref name="role"/>: its process ids and monotonic clock are this machine's.</summary>
    public bool OnThisMachine(string role) => AgentOf[role].Host == Environment.MachineName;

    /// <summary>The effects the placed role's ledger held at the agent's last beat.</summary>
    public long EffectsOf(string arm, string role) => _effects.GetValueOrDefault((arm, role));

    internal IRoleLauncher LauncherOf(string arm, string role) => new Launcher(this, arm, role);

    /// <summary>After the arm: the role's ledger into <paramref name="ledgerPath"/> on this machine's clock, its log appended to <paramref name="logPath"/>.</summary>
    internal async Task CollectAsync(string arm, string role, string? ledgerPath, string logPath, CancellationToken cancellationToken)
    {
        var reply = await AskAsync(role, new RoleRequest(RoleOp.Collect, _run, arm, role), RoleProtocol.AnswerWithin, cancellationToken);
        var into = Directory.CreateTempSubdirectory("archlab-placed-");
        try
        {
            await _files.TakeAsync(RoleProtocol.FilesOf(_run, arm, role), reply.Files ?? [], into.FullName, cancellationToken);
            foreach (var file in reply.Files ?? [])
            {
                var fetched = Path.Combine(into.FullName, Path.GetFileName(file));
                if (file.EndsWith(".ledger", StringComparison.Ordinal) && ledgerPath is not null)
                {
                    if (!OnThisMachine(role))
                    {
                        LedgerShift.Rewrite(fetched, ClockOf(reply));
                    }

                    Directory.CreateDirectory(Path.GetDirectoryName(ledgerPath)!);
                    File.Move(fetched, ledgerPath, overwrite: true);
                }
                else if (file.EndsWith(".log", StringComparison.Ordinal))
                {
                    Directory.CreateDirectory(Path.GetDirectoryName(logPath)!);
                    await File.AppendAllTextAsync(logPath, $"# {role} ran on agent {AgentOf[role].Name} ({AgentOf[role].Host})\n" + await File.ReadAllTextAsync(fetched, cancellationToken), cancellationToken);
                }
            }
        }
        finally
        {
            into.Delete(recursive: true);
        }
    }

    /// <summary>
    /// An agent's monotonic ticks as this machine's: both clocks are read against the wall clock (the agent's at
    /// <see cref="RoleReply.Ticks"/>, this one's now), so the hosts' wall clocks must be in step (NTP), as the load's
    /// common start already asks.
    /// </summary>
    public static Func<long, long> ClockOf(RoleReply reply)
    {
        var (localTicks, localWall) = (Stopwatch.GetTimestamp(), DateTimeOffset.UtcNow);
        var wallOffset = (reply.Wall - localWall).TotalSeconds;
        return ticks => localTicks + (long)((wallOffset + ((ticks - reply.Ticks) / (double)reply.Frequency)) * Stopwatch.Frequency);
    }

    private async Task<RoleReply> AskAsync(string role, RoleRequest request, TimeSpan within, CancellationToken cancellationToken)
    {
        var agent = AgentOf[role];
        RoleReply reply;
        try
        {
            var answer = await _nats.RequestAsync<byte[], byte[]>(RoleProtocol.RequestsOf(agent.Name), AgentProtocol.Encode(request),
                replyOpts: new NatsSubOpts { Timeout = within }, cancellationToken: cancellationToken);
            reply = AgentProtocol.Decode<RoleReply>(answer.Data ?? []);
        }
        catch (Exception e) when (e is NatsException or TimeoutException or JsonException)
        {
            throw new ChildProcessException($"{role} on agent {agent.Name} ({agent.Host}): {request.Op} not answered within {within.TotalSeconds:0} s ({e.Message})");
        }

        return reply.Problem is null ? reply : throw new ChildProcessException($"{role} on agent {agent.Name} ({agent.Host}): {reply.Problem}");
    }

    private async Task FollowAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var message in _events.Msgs.ReadAllAsync(cancellationToken))
            {
                RoleEvent news;
                try
                {
                    news = AgentProtocol.Decode<RoleEvent>(message.Data ?? []);
                }
                catch (JsonException)
                {
                    continue;
                }

                _effects[(news.Arm, news.Role)] = news.Effects;
                if (news.Exited)
                {
                    // Made here when the exit is heard before the start's answer.
                    _exits.GetOrAdd((news.Arm, news.Role, news.Pid), _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or System.Threading.Channels.ChannelClosedException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _alive.DisposeAsync();
        await _stop.CancelAsync();
        await _following;
        await _events.DisposeAsync();
        _stop.Dispose();
    }

    private sealed class Launcher(RolePlacement placement, string arm, string role) : IRoleLauncher
    {
        public string? Agent => placement.AgentOf[role].Name;

        public async Task<LaunchedRole> LaunchAsync(ServiceOptions options, CancellationToken cancellationToken)
        {
            var json = JsonSerializer.Serialize(options, HostingJsonContext.Default.ServiceOptions);
            var reply = await placement.AskAsync(role, new RoleRequest(RoleOp.Start, placement._run, arm, role, json), RoleProtocol.StartWithin, cancellationToken);
            var exited = placement._exits.GetOrAdd((arm, role, reply.Pid), _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
            return new LaunchedRole(new PlacedProcess(placement, arm, role, reply.Pid, exited), reply.Host ?? options.Host, reply.Port);
        }
    }

    /// <summary>One incarnation of a placed role: signalled, and stopped, through its agent.</summary>
    private sealed class PlacedProcess(RolePlacement placement, string arm, string role, int pid, TaskCompletionSource exited) : IRunningProcess
    {
        public string Name => role;

        public int Pid => pid;

        public bool IsLocal => placement.OnThisMachine(role);

        public Task Exited => exited.Task;

        public async ValueTask<bool> SignalAsync(Signal signal)
        {
            if (exited.Task.IsCompleted)
            {
                return false;
            }

            var reply = await placement.AskAsync(role, new RoleRequest(RoleOp.Signal, placement._run, arm, role, Signal: signal), RoleProtocol.AnswerWithin, CancellationToken.None);
            return reply.Sent && reply.Pid == pid;
        }

        public async ValueTask DisposeAsync()
        {
            if (!exited.Task.IsCompleted)
            {
                await placement.AskAsync(role, new RoleRequest(RoleOp.Stop, placement._run, arm, role), RoleProtocol.AnswerWithin, CancellationToken.None);
            }

            exited.TrySetResult();
        }
    }
}
