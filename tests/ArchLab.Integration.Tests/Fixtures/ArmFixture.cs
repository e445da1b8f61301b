using ArchLab.Contracts.Hosting;
using ArchLab.Contracts.Ledger;
using ArchLab.Contracts.Messages;
using ArchLab.Contracts.Workflow;
using ArchLab.Harness.Links;
using ArchLab.Harness.Broker;
using ArchLab.Harness.Model.Scenarios;
using ArchLab.Harness.Model.Scenarios.Loading;
using ArchLab.Harness.Orchestration;
using ArchLab.Harness.Processes;
using ArchLab.Harness.Samplers;

namespace ArchLab.Integration.Tests.Fixtures;

/// <summary>
/// The real processes of one arm, shared by the tests of a class: nats-server and the stream topology when
/// the style needs them, and every role as a service host process, ready before the first test. A subclass
/// may give the arm options and step costs of its own, and a test may restart a role it killed.
/// </summary>
public abstract class ArmFixture : IAsyncLifetime
{
    private readonly TempFolder _folder;
    private ResourceSampler? _resources;
    private ArmServices? _services;
    private RunFolder? _run;
    private long _nextSeq;

    protected ArmFixture() => _folder = new TempFolder(Style);

    public abstract string Style { get; }

    /// <summary>The arm's options after its style, as in a scenario file: <c>maxDeliver: 3, idempotent: true</c>. Default: none.</summary>
    protected virtual string ArmOptions => "";

    /// <summary>The workflow steps, as in a scenario file. Default: cheap steps with 8 workers.</summary>
    protected virtual string Steps => """
            inventory: { time: exp(1ms), workers: 8 }
            payment:   { time: fixed(2ms), workers: 8 }
            notify:    { time: exp(1ms), workers: 8 }
        """;

    /// <summary>Fan-out receivers of the workflow: 1 is <c>notify</c>, more are <c>notify.1</c> .. <c>notify.N</c>. Default: 1.</summary>
    protected virtual int Receivers => 1;

    /// <summary>The arm's ledgers folder, where the edge's read model writes its own ledger.</summary>
    public string LedgerFolder => _run!.ArmLedgers(Arm.Name);

    /// <summary>The receiver roles of the arm.</summary>
    public IReadOnlyList<string> ReceiverRoles => Contracts.Workflow.Roles.Receivers(Receivers);

    /// <summary>Every role of the arm, edge first.</summary>
    public IReadOnlyList<string> AllRoles => Contracts.Workflow.Roles.AllOf(Receivers);

    /// <summary>The options the edge was started with, as the harness wrote them.</summary>
    public ServiceOptions EdgeOptions() => System.Text.Json.JsonSerializer.Deserialize(
        File.ReadAllText(Path.Combine(_run!.ArmServices(Arm.Name), $"{Contracts.Workflow.Roles.Edge}.json")), HostingJsonContext.Default.ServiceOptions)!;

    /// <summary>The nonce every order of these tests carries.</summary>
    public uint Nonce { get; } = 0x00c0ffee;

    public IBroker? Broker { get; private set; }

    /// <summary>The rabbitmq style's node (a virtual host for the arm); null for other styles.</summary>
    public ArchLab.Harness.Rabbit.RunRabbit? Rabbit { get; private set; }

    /// <summary>The arm's virtual host on <see cref="Rabbit"/>.</summary>
    public Uri? RabbitUrl { get; private set; }

    public ArmSpec Arm { get; private set; } = null!;

    public Uri Edge => _services!.EdgeAddress;

    /// <summary>The process of each role now: the one started with the arm, or its restart (all on this machine here).</summary>
    public IReadOnlyDictionary<string, ChildProcess> Roles =>
        _services!.RoleNames.ToDictionary(r => r, Local, StringComparer.Ordinal);

    public ArmServices Services => _services!;

    private ChildProcess Local(string role) => (ChildProcess)_services!.ProcessOf(role);

    /// <summary>A fresh order id for each caller, so tests never see each other's effects.</summary>
    public OrderId NextId() => new(Nonce, Interlocked.Increment(ref _nextSeq));

    /// <summary>How many effects the role wrote for this order (failed attempts are not effects).</summary>
    public int EffectsOf(string role, OrderId id) =>
        Records(role).Count(r => r.Id == id && !StepCodes.IsFailedAttempt(r.Step));

    /// <summary>How many failed attempts the role recorded for this order.</summary>
    public int FailedAttemptsOf(string role, OrderId id) =>
        Records(role).Count(r => r.Id == id && StepCodes.IsFailedAttempt(r.Step));

    /// <summary>
    /// The orders the edge took that have neither reached every receiver nor failed at a step: still in flight (with
    /// events, in a channel or a stream after their caller was answered). A test that must not meet another test's
    /// order waits until this is empty.
    /// </summary>
    public IReadOnlyList<OrderId> OrdersInFlight()
    {
        // Each ledger read once: effects and failed attempts of every role.
        var ledgers = AllRoles.ToDictionary(role => role, role => Records(role).ToLookup(r => StepCodes.IsFailedAttempt(r.Step), r => r.Id));
        var failed = ledgers.Values.SelectMany(l => l[true]).ToHashSet();
        var reached = ReceiverRoles.Select(role => ledgers[role][false].ToHashSet()).ToList();
        return [.. ledgers[Contracts.Workflow.Roles.Edge][false]
            .Distinct()
            .Where(id => !failed.Contains(id) && !reached.TrueForAll(ids => ids.Contains(id)))];
    }

    public IEnumerable<LedgerRecord> Records(string role) => new LedgerReader(_services!.Ledgers[StepCodes.Of(role)]).Read();

    /// <summary>The base address of a role's control endpoint (the port of its ready line).</summary>
    public Uri AddressOf(string role) => _services!.AddressOf(role);

    public async Task SetFaultsAsync(string role, StepFaults faults)
    {
        using var client = new HttpClient();
        await FaultControl.SetAsync(client, AddressOf(role), Style, role, faults, TestContext.Current.CancellationToken);
    }

    public async Task ClearFaultsAsync(string role)
    {
        using var client = new HttpClient();
        await FaultControl.ClearAsync(client, AddressOf(role), Style, role, TestContext.Current.CancellationToken);
    }

    /// <summary>
    /// The role running again, on the same port and ledger: restarted here when a test ended it on purpose,
    /// or by the harness's supervisor when it died on its own (a crash fault), which this waits for.
    /// </summary>
    public async Task<ChildProcess> RestartAsync(string role, ChildProcess dead)
    {
        if (_services!.IsEndedOnPurpose(role))
        {
            await _services.RestartAsync(role, TestContext.Current.CancellationToken);
        }
        else
        {
            await Eventually.TrueAsync(() => Local(role) is var now && now != dead && !now.HasExited,
                TimeSpan.FromSeconds(30), $"{role} restarted by the supervisor");
        }

        return Local(role);
    }

    public async ValueTask InitializeAsync()
    {
        var scenario = ScenarioLoader.Parse(Yaml(), "fixture.yaml");
        Arm = scenario.Arms[0];
        _run = RunFolder.Create(new RunOptions { OutputDirectory = _folder.Path }, scenario.Name, DateTimeOffset.UtcNow);
        _resources = new ResourceSampler();
        if (Styles.NeedsBroker(Style))
        {
            Broker = await BrokerProvider.StartAsync(new BrokerOptions(AllowContainer: false), _run.BrokerStore(Arm.Name),
                Path.Combine(_run.ArmLogs(Arm.Name), "nats-server.log"), CancellationToken.None);
            await JetStreamTopology.CreateForAsync(Broker.ClientUrl, Arm, Receivers, CancellationToken.None);
        }

        Uri? rabbitUrl = null;
        if (Styles.NeedsRabbit(Style))
        {
            // A node of the fixture's own, the arm in its virtual host, as a run gives one.
            Rabbit = new ArchLab.Harness.Rabbit.RunRabbit(null, _run.RabbitStore, Path.Combine(_run.Logs, "rabbitmq.log"), [Arm.Name]);
            var node = await Rabbit.NodeAsync(_ => { }, CancellationToken.None);
            rabbitUrl = node.AmqpUriOf(Arm.Name);
            await ArchLab.Harness.Rabbit.RabbitTopology.DeclareAsync(rabbitUrl, Arm.RabbitMq ?? RabbitArmOptions.Default, Receivers, CancellationToken.None);
        }

        RabbitUrl = rabbitUrl;
        _services = await ArmServices.StartAsync(scenario, Arm, _run, rabbitUrl?.ToString() ?? Broker?.ClientUrl, new RunOptions(), _resources, DirectLinks.Instance, CancellationToken.None);

        await WarmUpAsync();
    }

    /// <summary>
    /// One order followed to its last step before any test, under a nonce of its own: the first order of a
    /// fresh process pays for its JIT, which would otherwise run past the short timeouts some arms set.
    /// </summary>
    private async Task WarmUpAsync()
    {
        var id = new OrderId(Nonce ^ 0x80000000u, 1);
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        using var response = await System.Net.Http.Json.HttpClientJsonExtensions.PostAsJsonAsync(client, new Uri(Edge, "/orders"), new PlaceOrder(id.ToString(), "warm-up"));
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (ReceiverRoles.Any(r => EffectsOf(r, id) == 0) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(25);
        }
    }

    private string Yaml() => $$"""
        name: fixture
        title: The arm of a test class
        claim: every style completes what it accepts
        watch: the ledger
        seed: 7
        workflow:
          payload: 128B
          receivers: {{Receivers}}
          steps:
        {{Steps}}
        arms:
          {{Style}}: { style: {{Style}}{{(ArmOptions.Length > 0 ? ", " + ArmOptions : "")}} }
        load: { model: open, rate: 50/s, duration: 2s, warmup: 500ms, drain: 20s{{Load}} }
        """;

    /// <summary>More load fields, each led by a comma: <c>, readAfter: 10ms</c> gives the edge a read model.</summary>
    protected virtual string Load => "";

    public async ValueTask DisposeAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }

        if (Broker is not null)
        {
            await Broker.DisposeAsync();
        }

        if (Rabbit is not null)
        {
            await Rabbit.DisposeAsync();
        }

        if (_resources is not null)
        {
            await _resources.DisposeAsync();
        }

        _folder.Dispose();
        GC.SuppressFinalize(this);
    }
}

public sealed class RestArm : ArmFixture
{
    public override string Style => Styles.Rest;
}

public sealed class GrpcArm : ArmFixture
{
    public override string Style => Styles.Grpc;
}

public sealed class JetStreamArm : ArmFixture
{
    public override string Style => Styles.JetStream;
}

public sealed class RabbitArm : ArmFixture
{
    public override string Style => Styles.RabbitMq;
}

public sealed class NatsCoreArm : ArmFixture
{
    public override string Style => Styles.NatsCore;
}

public sealed class NatsRequestArm : ArmFixture
{
    public override string Style => Styles.NatsRequest;

    // Short, so that a test of a step that never replies does not wait the default 30 s.
    protected override string ArmOptions => "timeout: 1s";
}

/// <summary>inproc, answering once the order is in the first step's channel (the default).</summary>
public sealed class InProcArm : ArmFixture
{
    public override string Style => Styles.InProc;
}

/// <summary>inproc answering when the chain is done; a short timeout, so that a test of a stuck chain does not wait 30 s.</summary>
public sealed class InProcSyncArm : ArmFixture
{
    public override string Style => Styles.InProc;

    protected override string ArmOptions => "answer: completion, timeout: 1s";
}

/// <summary>inproc with room for one order in each channel and one inventory worker: a few orders at once fill it.</summary>
public sealed class InProcTightArm : ArmFixture
{
    public override string Style => Styles.InProc;

    protected override string ArmOptions => "queue: 1";

    protected override string Steps => """
            inventory: { time: fixed(1ms), workers: 1 }
            payment:   { time: fixed(1ms), workers: 8 }
            notify:    { time: fixed(1ms), workers: 8 }
        """;
}

/// <summary>
/// The test classes that start the processes of an arm run one at a time, apart from every other test: two
/// cores do not start several arms at once in good time, and a test that checks the harness left no child
/// behind (the process-wide registry) must not see the children of a fixture running beside it.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ArmProcesses
{
    public const string Name = "arm processes";
}
