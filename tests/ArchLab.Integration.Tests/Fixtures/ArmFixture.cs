using ArchLab.Contracts.Ledger;
using ArchLab.Contracts.Messages;
using ArchLab.Contracts.Workflow;
using ArchLab.Harness.Broker;
using ArchLab.Harness.Model.Scenarios;
using ArchLab.Harness.Orchestration;
using ArchLab.Harness.Samplers;

namespace ArchLab.Integration.Tests.Fixtures;

/// <summary>
/// The real processes of one arm, shared by the tests of a class: nats-server and the stream topology when
/// the style needs them, and every role as a service host process, ready before the first test.
/// </summary>
public abstract class ArmFixture : IAsyncLifetime
{
    private readonly TempFolder _folder;
    private ResourceSampler? _resources;
    private ArmServices? _services;
    private long _nextSeq;

    protected ArmFixture() => _folder = new TempFolder(Style);

    public abstract string Style { get; }

    /// <summary>The nonce every order of these tests carries.</summary>
    public uint Nonce { get; } = 0x00c0ffee;

    public IBroker? Broker { get; private set; }

    public Uri Edge => _services!.EdgeAddress;

    public ArmServices Services => _services!;

    /// <summary>A fresh order id for each caller, so tests never see each other's effects.</summary>
    public OrderId NextId() => new(Nonce, Interlocked.Increment(ref _nextSeq));

    /// <summary>How many effects the role wrote for this order.</summary>
    public int EffectsOf(string role, OrderId id) =>
        new LedgerReader(_services!.Ledgers[StepCodes.Of(role)]).Read().Count(r => r.Id == id);

    public async ValueTask InitializeAsync()
    {
        var scenario = SmallScenario.For(Style);
        var arm = scenario.Arms[0];
        var folder = RunFolder.Create(new RunOptions { OutputDirectory = _folder.Path }, scenario.Name, DateTimeOffset.UtcNow);
        _resources = new ResourceSampler();
        if (Styles.NeedsBroker(Style))
        {
            Broker = await BrokerProvider.StartAsync(new BrokerOptions(AllowContainer: false), folder.BrokerStore(arm.Name),
                Path.Combine(folder.ArmLogs(arm.Name), "nats-server.log"), CancellationToken.None);
            await JetStreamTopology.CreateAsync(Broker.ClientUrl, arm.JetStream ?? JetStreamArmOptions.Default, CancellationToken.None);
        }

        _services = await ArmServices.StartAsync(scenario, arm, folder, Broker?.ClientUrl, new RunOptions(), _resources, DirectLinks.Instance, CancellationToken.None);
    }

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
