using System.Diagnostics;
using System.Text.Json;
using ArchLab.Contracts.Hosting;
using ArchLab.Contracts.Ledger;
using ArchLab.Harness.Orchestration;
using ArchLab.Harness.Processes;
using NATS.Client.Core;

namespace ArchLab.Harness.Agents;

/// <summary>
/// The roles a load agent runs for coordinators (<c>run --place</c>): each a child process of the agent, started from
/// this host's service host, listening on the agent's advertised address, writing its ledger here. Every
/// <see cref="RoleProtocol.Beat"/> it says how many effects each role's ledger holds; when a process exits it says so;
/// at the arm's end it puts the ledger and the log in the object store for the coordinator to fetch.
/// </summary>
internal sealed class AgentRoles : IAsyncDisposable
{
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(5);
    private readonly NatsConnection _nats;
    private readonly AgentFiles _files;
    private readonly string _advertise;
    private readonly Action<string> _log;
    private readonly Dictionary<(string Run, string Arm, string Role), Hosted> _roles = [];
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, DateTimeOffset> _heard = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private readonly Timer _beat;
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"archlab-agent-roles-{Environment.ProcessId}");

    public AgentRoles(NatsConnection nats, AgentFiles files, string advertise, Action<string> log)
    {
        (_nats, _files, _advertise, _log) = (nats, files, advertise, log);
        _beat = new Timer(_ => Beat(), null, RoleProtocol.Beat, RoleProtocol.Beat);
    }

    /// <summary>A coordinator's sign of life (<see cref="RoleProtocol.AliveOf"/>).</summary>
    public void Heard(string subject)
    {
        var tokens = subject.Split('.');
        if (tokens.Length == 5)
        {
            _heard[tokens[3]] = DateTimeOffset.UtcNow;
        }
    }

    public async ValueTask<RoleReply> HandleAsync(byte[]? data, CancellationToken cancellationToken)
    {
        RoleRequest request;
        try
        {
            request = AgentProtocol.Decode<RoleRequest>(data ?? []);
        }
        catch (JsonException e)
        {
            return new RoleReply($"not a role request: {e.Message}");
        }

        var key = (request.Run, request.Arm, request.Role);
        Hosted? hosted;
        lock (_gate)
        {
            _roles.TryGetValue(key, out hosted);
        }

        try
        {
            return request.Op switch
            {
                RoleOp.Start => await StartAsync(request, hosted, cancellationToken),
                _ when hosted is null => new RoleReply($"no role {request.Role} of arm {request.Arm} runs here for run {request.Run}"),
                RoleOp.Signal when request.Signal is { } signal => new RoleReply(null, hosted.Current?.Pid ?? 0, Sent: hosted.Current?.Send(signal) ?? false),
                RoleOp.Stop => await StopAsync(hosted),
                RoleOp.Collect => await CollectAsync(key, hosted, cancellationToken),
                _ => new RoleReply($"{request.Op}: not an operation this agent knows with these fields"),
            };
        }
        catch (Exception e) when (e is ChildProcessException or IOException or NatsException or ArgumentException or JsonException)
        {
            return new RoleReply($"{request.Op} of {request.Role}: {e.Message}");
        }
    }

    private async Task<RoleReply> StartAsync(RoleRequest request, Hosted? hosted, CancellationToken cancellationToken)
    {
        if (hosted?.Current is { HasExited: false } running)
        {
            return new RoleReply($"{request.Role} of arm {request.Arm} runs already (pid {running.Pid})");
        }

        var options = JsonSerializer.Deserialize(request.Options ?? "", HostingJsonContext.Default.ServiceOptions)
            ?? throw new JsonException("no options");
        if (hosted is null)
        {
            var folder = Path.Combine(_folder, request.Run, request.Arm);
            Directory.CreateDirectory(folder);
            hosted = new Hosted(folder, options.Role, options.LedgerPath is null ? null : Path.Combine(folder, $"{options.Role}.ledger"));
            lock (_gate)
            {
                _roles[(request.Run, request.Arm, request.Role)] = hosted;
            }
        }

        // The ledger is written here, and the role listens where the coordinator's other roles reach it.
        options = options with { LedgerPath = hosted.LedgerPath, Host = _advertise };
        var launcher = new LocalRoleLauncher(ServiceHostLocator.Find(null), Path.Combine(hosted.Folder, $"{options.Role}.json"),
            hosted.LogPath, RoleProtocol.StartWithin - TimeSpan.FromSeconds(10));
        var launched = await launcher.LaunchAsync(options, cancellationToken);
        var child = (ChildProcess)launched.Process;
        hosted.Current = child;
        _ = child.Exited.ContinueWith(_ => Publish(request.Run, new RoleEvent(request.Arm, request.Role, child.Pid, true, hosted.Effects)), TaskScheduler.Default);
        _log($"run {request.Run} arm {request.Arm}: {request.Role} ready, pid {child.Pid} on {launched.Host}:{launched.Port}");
        return new RoleReply(null, child.Pid, launched.Host, launched.Port);
    }

    private static async Task<RoleReply> StopAsync(Hosted hosted)
    {
        if (hosted.Current is { } child)
        {
            await child.StopAsync(Grace);
            await child.DisposeAsync();
        }

        return new RoleReply(null, hosted.Current?.Pid ?? 0);
    }

    private async Task<RoleReply> CollectAsync((string Run, string Arm, string Role) key, Hosted hosted, CancellationToken cancellationToken)
    {
        await StopAsync(hosted);
        lock (_gate)
        {
            _roles.Remove(key);
        }

        // The ledger's times are this host's monotonic clock: the coordinator moves them onto its own through this pair.
        var (wall, ticks) = (DateTimeOffset.UtcNow, Stopwatch.GetTimestamp());
        var files = new List<string>();
        foreach (var path in new[] { hosted.LedgerPath, hosted.LogPath }.OfType<string>().Where(File.Exists))
        {
            await _files.PutAsync(RoleProtocol.FilesOf(key.Run, key.Arm, key.Role) + Path.GetFileName(path), path, cancellationToken);
            files.Add(Path.GetFileName(path));
            File.Delete(path);
        }

        return new RoleReply(null, Files: files, Wall: wall, Ticks: ticks, Frequency: Stopwatch.Frequency);
    }

    private void Beat()
    {
        List<((string Run, string Arm, string Role) Key, Hosted Role)> roles;
        lock (_gate)
        {
            roles = [.. _roles.Select(r => (r.Key, r.Value))];
        }

        foreach (var (key, role) in roles)
        {
            if (DateTimeOffset.UtcNow - _heard.GetOrAdd(key.Run, _ => DateTimeOffset.UtcNow) > RoleProtocol.Orphaned)
            {
                _ = OrphanedAsync(key, role);
                continue;
            }

            Publish(key.Run, new RoleEvent(key.Arm, key.Role, role.Current?.Pid ?? 0, false, role.Poll()));
        }
    }

    /// <summary>Stops a role whose coordinator went silent, and forgets it with its files.</summary>
    private async Task OrphanedAsync((string Run, string Arm, string Role) key, Hosted role)
    {
        lock (_gate)
        {
            if (!_roles.Remove(key))
            {
                return;
            }
        }

        _log($"run {key.Run}: its coordinator has been silent for {RoleProtocol.Orphaned.TotalSeconds:0} s; {key.Role} of arm {key.Arm} stopped");
        await StopAsync(role);
        try
        {
            Directory.Delete(role.Folder, recursive: true);
        }
        catch (IOException)
        {
            // Another role of the arm is still being stopped there: the agent's folder goes when it exits.
        }
    }

    private void Publish(string run, RoleEvent news) =>
        _ = _nats.PublishAsync(RoleProtocol.EventsOf(run), AgentProtocol.Encode(news)).AsTask();

    public async ValueTask DisposeAsync()
    {
        await _beat.DisposeAsync();
        List<Hosted> roles;
        lock (_gate)
        {
            roles = [.. _roles.Values];
            _roles.Clear();
        }

        foreach (var role in roles)
        {
            await StopAsync(role);
        }

        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    /// <summary>One role this agent runs for an arm, across its incarnations (a restart writes on to the same ledger).</summary>
    private sealed class Hosted(string folder, string role, string? ledgerPath)
    {
        private readonly LedgerTail? _tail = ledgerPath is null ? null : new LedgerTail(ledgerPath);
        private readonly Lock _gate = new();

        public string Folder => folder;

        public string? LedgerPath => ledgerPath;

        public string LogPath { get; } = Path.Combine(folder, $"{role}.log");

        public ChildProcess? Current { get; set; }

        public long Effects { get; private set; }

        public long Poll()
        {
            lock (_gate)
            {
                return Effects = _tail?.Poll() ?? 0;
            }
        }
    }
}
