using System.Diagnostics;
using ArchLab.Contracts.Hosting;
using ArchLab.Contracts.Ledger;
using ArchLab.Contracts.Workflow;
using ArchLab.Harness.Links;
using ArchLab.Harness.Model.Scenarios;
using ArchLab.Harness.Processes;
using ArchLab.Harness.Samplers;

namespace ArchLab.Harness.Orchestration;

/// <summary>A role that died on its own (a crash fault) and was started again by the supervisor.</summary>
/// <param name="Role">The role.</param>
/// <param name="ExitedAt">When it was seen gone (Stopwatch ticks).</param>
/// <param name="BackAt">When it was ready again; null if it did not come back.</param>
public sealed record RoleIncident(string Role, long ExitedAt, long? BackAt);

/// <summary>
/// The role processes of one arm, and their supervisor. All roles start at once on loopback ports; a role
/// the fault timeline kills or stops is brought back on the same port when asked; a role that dies on its
/// own (a crash after its effect) is restarted at once, as an orchestrator would, and the incident recorded.
/// </summary>
public sealed class ArmServices : IAsyncDisposable
{
    private static readonly TimeSpan RestartDelay = TimeSpan.FromMilliseconds(100);
    private readonly Dictionary<string, RoleProcess> _roles = new(StringComparer.Ordinal);
    // Each role's process, by the role it was started as: the role itself, or the edge for inproc.
    private readonly Dictionary<string, string> _processOf = new(StringComparer.Ordinal);
    private readonly HashSet<string> _expectedDown = new(StringComparer.Ordinal);
    private readonly List<RoleIncident> _incidents = [];
    private readonly Lock _gate = new();
    private readonly ResourceSampler _resources;
    private readonly CancellationTokenSource _life = new();
    private readonly Dictionary<string, string> _logs = new(StringComparer.Ordinal);
    private Agents.RolePlacement? _placement;
    private string _arm = "";
    private volatile bool _stopping;

    private ArmServices(ResourceSampler resources) => _resources = resources;

    /// <summary>The edge's base address as the caller dials it (through the proxy when the link is routed).</summary>
    public Uri EdgeAddress { get; private set; } = new("http://127.0.0.1");

    /// <summary>Ledger file of each step code.</summary>
    public IReadOnlyDictionary<ushort, string> Ledgers { get; private set; } = new Dictionary<ushort, string>();

    /// <summary>Every role of the arm, whether in a process of its own or inside the edge's (<c>inproc</c>).</summary>
    public IReadOnlyCollection<string> RoleNames => _processOf.Keys;

    /// <summary>The options each process was started with, as its options file has them.</summary>
    public IReadOnlyList<ServiceOptions> ProcessOptions => [.. _roles.Values.Select(r => r.Options)];

    /// <summary>The ids of the arm's processes now (one for <c>inproc</c>); a process down is left out.</summary>
    public IReadOnlyList<int> Pids => [.. _roles.Values.Select(r => r.Current?.Pid).OfType<int>()];

    /// <summary>Roles that died on their own and were restarted.</summary>
    public IReadOnlyList<RoleIncident> Incidents
    {
        get
        {
            lock (_gate)
            {
                return [.. _incidents];
            }
        }
    }

    public static async Task<ArmServices> StartAsync(
        Scenario scenario, ArmSpec arm, RunFolder folder, string? natsUrl, RunOptions options, ResourceSampler resources,
        ILinkRouter router, CancellationToken cancellationToken)
    {
        var services = new ArmServices(resources);
        try
        {
            await services.StartRolesAsync(scenario, arm, folder, natsUrl, options, router, cancellationToken);
            return services;
        }
        catch
        {
            await services.DisposeAsync();
            throw;
        }
    }

    /// <summary>The process of a role now (for <c>inproc</c>, the one process of every role).</summary>
    public IRunningProcess ProcessOf(string role) => Host(role).Current ?? throw new InvalidOperationException($"{role} has not started");

    /// <summary>Where a role listens (its control endpoint is there too, keyed by role).</summary>
    public Uri AddressOf(string role) => Host(role).Address;

    /// <summary>The roles on load agents' hosts, with where they were reached; null when every role runs here.</summary>
    public IReadOnlyList<Model.Results.PlacedRole>? Placed() => _placement is not { } placement ? null
        : [.. _roles.Values.Where(r => r.Agent is not null)
            .Select(r => new Model.Results.PlacedRole(r.Role, r.Agent!, placement.AgentOf[r.Role].Host, r.Address.Authority))];

    /// <summary>The load agent that runs <paramref name="role"/> (<c>run --place</c>), or null on this machine.</summary>
    public string? AgentOf(string role) => Host(role).Agent;

    /// <summary>
    /// How many effects a role's ledger holds so far, read anew at each call: this machine's file followed, or for a
    /// placed role its agent's latest beat.
    /// </summary>
    public Func<long> EffectsOf(string role) => Host(role).Agent is not null
        ? () => _placement!.EffectsOf(_arm, role)
        : new LedgerTail(Ledgers[StepCodes.Of(role)]).Poll;

    /// <summary>Whether <paramref name="role"/> shares its process with other roles, so that a process fault on it hits them all.</summary>
    public bool SharesProcess(string role) => _processOf.Count(p => p.Value == _processOf[role]) > 1;

    /// <summary>Ends a role's process on purpose (SIGKILL, or SIGTERM then SIGKILL after a grace): the supervisor leaves it down.</summary>
    public async Task EndAsync(string role, Signal signal)
    {
        lock (_gate)
        {
            _expectedDown.Add(_processOf[role]);
        }

        var child = ProcessOf(role);
        _resources.Sample(role);
        await child.SignalAsync(Signal.Continue);
        await child.SignalAsync(signal);
        if (await Task.WhenAny(child.Exited, Task.Delay(TimeSpan.FromSeconds(10))) != child.Exited)
        {
            await child.SignalAsync(Signal.Kill);
        }

        await child.Exited;
    }

    /// <summary>Whether the role was ended on purpose and not restarted yet (the supervisor leaves such a role down).</summary>
    public bool IsEndedOnPurpose(string role)
    {
        lock (_gate)
        {
            return _expectedDown.Contains(_processOf[role]);
        }
    }

    /// <summary>SIGSTOP (true) or SIGCONT (false) to a role; throws when the role is not running (down, or still restarting).</summary>
    public async Task PauseAsync(string role, bool paused)
    {
        if (!await ProcessOf(role).SignalAsync(paused ? Signal.Stop : Signal.Continue))
        {
            throw new InvalidOperationException($"{role} is not running (down or restarting), so it cannot be {(paused ? "paused" : "resumed")}");
        }
    }

    /// <summary>Starts a role that was ended, on its port, and waits until it is ready.</summary>
    public async Task RestartAsync(string role, CancellationToken cancellationToken)
    {
        await StartRoleAsync(Host(role), cancellationToken);
        lock (_gate)
        {
            _expectedDown.Remove(_processOf[role]);
        }
    }

    private async Task StartRolesAsync(
        Scenario scenario, ArmSpec arm, RunFolder folder, string? natsUrl, RunOptions options, ILinkRouter router, CancellationToken cancellationToken)
    {
        var host = ServiceHostLocator.Find(options.ServiceHostPath);
        _arm = arm.Name;
        Ledgers = folder.Ledgers(arm.Name, scenario.ReceiversOf(arm));
        var synchronous = Styles.CallsStepsDirectly(arm.Style);
        // The one place that reads the workflow's roles: every role, and the steps after the edge (the fan-out
        // receivers last), in the order the work flows.
        IReadOnlyList<string> roles = Roles.AllOf(scenario.ReceiversOf(arm)), steps = Roles.StepsOf(scenario.ReceiversOf(arm));
        // inproc runs every step inside the edge's process: one process, each role keyed to it.
        var inOneProcess = Styles.InOneProcess(arm.Style);
        IReadOnlyList<string> processes = inOneProcess ? [Roles.Edge] : roles;
        ServiceOptions OptionsOf(string role, IReadOnlyDictionary<string, string> downstream, string? nats) =>
            RoleOptions.For(scenario, arm, role, arm.Ledger ? Ledgers[StepCodes.Of(role)] : null, downstream, nats, options.Traces?.Endpoint);
        // A role placed on a load agent listens on the agent's host; the others on this machine's address.
        _placement = options.Agents?.Placement;
        string HostOf(string role) => _placement?.AgentOf.GetValueOrDefault(role)?.Advertise ?? options.Advertise;

        // Every role starts at once. A synchronous edge must know where its steps listen, so their ports are
        // leased first; a port taken in between fails the start, and the whole set is tried again.
        for (var attempt = 1; ; attempt++)
        {
            var ports = PortLease.Take(roles.Count);
            var downstream = new Dictionary<string, string>();
            if (synchronous)
            {
                foreach (var role in steps)
                {
                    var target = new UriBuilder(Uri.UriSchemeHttp, HostOf(role), ports[IndexOf(roles, role)]).Uri;
                    downstream[role] = (await router.RouteAsync(Roles.Edge, role, target, cancellationToken)).ToString().TrimEnd('/');
                }
            }

            foreach (var role in processes)
            {
                // A cluster's URLs (comma-separated) go as they are: no link fault names a connection to one of its nodes.
                var nats = natsUrl is null ? null : natsUrl.Contains(',', StringComparison.Ordinal)
                    ? natsUrl
                    : (await router.RouteAsync(role, "broker", new Uri(natsUrl), cancellationToken)).ToString().TrimEnd('/');
                var serviceOptions = OptionsOf(role, role == Roles.Edge ? downstream : new Dictionary<string, string>(), nats)
                    with { Port = ports[IndexOf(roles, role)], Host = HostOf(role) };
                if (inOneProcess)
                {
                    serviceOptions = serviceOptions with { InProc = RoleOptions.InProcOf(arm, [.. steps.Select(s => OptionsOf(s, new Dictionary<string, string>(), null))]) };
                }

                var logPath = Path.Combine(folder.ArmLogs(arm.Name), $"{role}.log");
                _logs[role] = logPath;
                _roles[role] = new RoleProcess(_placement?.AgentOf.ContainsKey(role) == true
                    ? _placement.LauncherOf(arm.Name, role)
                    : new LocalRoleLauncher(host, Path.Combine(folder.ArmServices(arm.Name), $"{role}.json"), logPath, options.ReadyTimeout), serviceOptions);
            }

            foreach (var role in roles)
            {
                _processOf[role] = inOneProcess ? Roles.Edge : role;
            }

            try
            {
                await Task.WhenAll(_roles.Values.Select(r => StartRoleAsync(r, cancellationToken)));
                EdgeAddress = await router.RouteAsync("caller", Roles.Edge, _roles[Roles.Edge].Address, cancellationToken);
                return;
            }
            catch (ChildProcessException e) when (attempt < 3 && PortLease.IsPortTaken(e))
            {
                // The next attempt makes new role objects: the supervisors of these ones stand down.
                await StopChildrenAsync();
            }
        }
    }

    private static int IndexOf(IReadOnlyList<string> roles, string role) => roles.ToList().IndexOf(role);

    /// <summary>The process that runs <paramref name="role"/> (the role itself, or the edge for <c>inproc</c>).</summary>
    private RoleProcess Host(string role) => _roles[_processOf[role]];

    private async Task StartRoleAsync(RoleProcess role, CancellationToken cancellationToken)
    {
        if (role.Current is { } previous)
        {
            await previous.DisposeAsync();
        }

        var child = await role.StartAsync(cancellationToken);
        if (child.IsLocal)
        {
            _resources.Track(role.Role, child.Pid);
        }
        _ = SuperviseAsync(role, child);
    }

    /// <summary>Brings back a role that died without being told to.</summary>
    private async Task SuperviseAsync(RoleProcess role, IRunningProcess child)
    {
        await child.Exited;
        lock (_gate)
        {
            if (_stopping || _expectedDown.Contains(role.Role) || role.Current != child ||
                !_roles.TryGetValue(role.Role, out var now) || now != role)
            {
                return;
            }
        }

        var incident = new RoleIncident(role.Role, Stopwatch.GetTimestamp(), null);
        try
        {
            await Task.Delay(RestartDelay, _life.Token);
            await StartRoleAsync(role, _life.Token);
            incident = incident with { BackAt = Stopwatch.GetTimestamp() };
        }
        catch (Exception e) when (e is OperationCanceledException or ChildProcessException)
        {
            // The arm is ending, or the role cannot start again: the incident stays open in the results.
        }

        lock (_gate)
        {
            _incidents.Add(incident);
        }
    }

    /// <summary>Samples resources, then stops every role (SIGTERM, SIGKILL after a grace).</summary>
    public async ValueTask DisposeAsync()
    {
        await StopAllAsync();
        _life.Dispose();
    }

    private async Task StopAllAsync()
    {
        lock (_gate)
        {
            _stopping = true;
        }

        await _life.CancelAsync();
        await StopChildrenAsync();
        var placed = _roles.Values.Where(r => r.Agent is not null).ToList();
        _roles.Clear();
        await CollectPlacedAsync(placed);
    }

    /// <summary>Fetches each placed role's ledger and log into the run folder; says which could not be, after trying all.</summary>
    private async Task CollectPlacedAsync(IReadOnlyList<RoleProcess> placed)
    {
        var problems = new List<string>();
        foreach (var role in placed)
        {
            try
            {
                await _placement!.CollectAsync(_arm, role.Role, role.Options.LedgerPath, _logs[role.Role], CancellationToken.None);
            }
            catch (Exception e) when (e is ChildProcessException or IOException or NATS.Client.Core.NatsException)
            {
                problems.Add($"{role.Role}'s ledger and log could not be fetched from agent {role.Agent}: {e.Message}");
            }
        }

        if (problems.Count > 0)
        {
            throw new ChildProcessException(string.Join("; ", problems));
        }
    }

    private async Task StopChildrenAsync()
    {
        var children = _roles.Values.Select(r => r.Current).OfType<IRunningProcess>().ToList();
        foreach (var child in children)
        {
            _resources.Sample(child.Name);
        }

        await Task.WhenAll(children.Select(c => c.DisposeAsync().AsTask()));
    }
}
