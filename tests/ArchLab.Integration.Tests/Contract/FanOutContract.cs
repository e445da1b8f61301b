using System.Net.Http.Json;
using ArchLab.Contracts.Messages;
using ArchLab.Contracts.Workflow;
using ArchLab.Integration.Tests.Fixtures;

namespace ArchLab.Integration.Tests.Contract;

/// <summary>
/// The fan-out part of the style contract, for every networked style: three receivers, each its own process,
/// each with its own ledger. Every accepted order reaches every receiver exactly once; a synchronous answer means
/// all of them are done; and the edge is configured with every receiver when it calls them itself, with none
/// when it publishes.
/// </summary>
public abstract class FanOutContract<TArm>(TArm arm) where TArm : ArmFixture
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(20);

    protected TArm Arm { get; } = arm;

    private HttpClient Client { get; } = new() { Timeout = TimeSpan.FromSeconds(30) };

    [Fact]
    public async Task Every_order_reaches_every_receiver_exactly_once_and_each_receiver_ledger_is_complete()
    {
        var ids = Enumerable.Range(0, 30).Select(_ => Arm.NextId()).ToList();

        var answers = await Task.WhenAll(ids.Select(async id =>
        {
            using var response = await PlaceAsync(id);
            return (Ok: response.IsSuccessStatusCode, Receivers: Arm.ReceiverRoles.Count(r => Arm.EffectsOf(r, id) == 1));
        }));

        Assert.All(answers, a => Assert.True(a.Ok));
        if (Styles.AnswersOnCompletion(Arm.Style))
        {
            // The answer came after the last receiver: each one's effect was written before it.
            Assert.All(answers, a => Assert.Equal(Arm.ReceiverRoles.Count, a.Receivers));
        }

        await Eventually.TrueAsync(() => ids.All(id => Arm.ReceiverRoles.All(r => Arm.EffectsOf(r, id) >= 1)), Within, "every receiver has every order");
        Assert.Equal(3, Arm.ReceiverRoles.Count);
        Assert.All(Arm.AllRoles, role => Assert.All(ids, id => Assert.Equal(1, Arm.EffectsOf(role, id))));
    }

    [Fact]
    public void The_edge_holds_an_address_per_receiver_only_when_it_dials_them_itself()
    {
        var options = Arm.EdgeOptions();
        var receiverAddresses = options.Downstream.Keys.Where(Roles.IsReceiver).Order().ToList();

        Assert.Equal(3, options.Receivers);
        Assert.Equal(Styles.CallsStepsDirectly(Arm.Style) ? Arm.ReceiverRoles.Order() : [], receiverAddresses);
    }

    private async Task<HttpResponseMessage> PlaceAsync(OrderId id) =>
        await Client.PostAsJsonAsync(new Uri(Arm.Edge, "/orders"), new PlaceOrder(id.ToString(), "payload"), TestContext.Current.CancellationToken);
}

[Collection(ArmProcesses.Name)]
public sealed class RestFanOutContract(RestFanOutArm arm) : FanOutContract<RestFanOutArm>(arm), IClassFixture<RestFanOutArm>;

[Collection(ArmProcesses.Name)]
public sealed class GrpcFanOutContract(GrpcFanOutArm arm) : FanOutContract<GrpcFanOutArm>(arm), IClassFixture<GrpcFanOutArm>;

[Collection(ArmProcesses.Name)]
public sealed class NatsRequestFanOutContract(NatsRequestFanOutArm arm) : FanOutContract<NatsRequestFanOutArm>(arm), IClassFixture<NatsRequestFanOutArm>;

[Collection(ArmProcesses.Name)]
public sealed class NatsCoreFanOutContract(NatsCoreFanOutArm arm) : FanOutContract<NatsCoreFanOutArm>(arm), IClassFixture<NatsCoreFanOutArm>;

[Collection(ArmProcesses.Name)]
public sealed class JetStreamFanOutContract(JetStreamFanOutArm arm) : FanOutContract<JetStreamFanOutArm>(arm), IClassFixture<JetStreamFanOutArm>;

/// <summary>REST calling its receivers one after the other.</summary>
public sealed class RestFanOutArm : ArmFixture
{
    public override string Style => Styles.Rest;

    protected override int Receivers => 3;
}

/// <summary>gRPC calling its receivers all at once.</summary>
public sealed class GrpcFanOutArm : ArmFixture
{
    public override string Style => Styles.Grpc;

    protected override int Receivers => 3;

    protected override string ArmOptions => "fanOut: parallel";
}

/// <summary>Request-reply to each receiver's subject, all at once.</summary>
public sealed class NatsRequestFanOutArm : ArmFixture
{
    public override string Style => Styles.NatsRequest;

    protected override int Receivers => 3;

    protected override string ArmOptions => "fanOut: parallel";
}

public sealed class NatsCoreFanOutArm : ArmFixture
{
    public override string Style => Styles.NatsCore;

    protected override int Receivers => 3;
}

public sealed class JetStreamFanOutArm : ArmFixture
{
    public override string Style => Styles.JetStream;

    protected override int Receivers => 3;
}

[Collection(ArmProcesses.Name)]
public sealed class InProcFanOutContract(InProcFanOutArm arm) : FanOutContract<InProcFanOutArm>(arm), IClassFixture<InProcFanOutArm>;

/// <summary>Every role in one process: the step before the receivers writes the order into each receiver's channel.</summary>
public sealed class InProcFanOutArm : ArmFixture
{
    public override string Style => Styles.InProc;

    protected override int Receivers => 3;
}
