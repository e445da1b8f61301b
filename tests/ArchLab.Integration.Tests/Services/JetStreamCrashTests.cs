using System.Net.Http.Json;
using ArchLab.Contracts.Hosting;
using ArchLab.Contracts.Messages;
using ArchLab.Contracts.Workflow;
using ArchLab.Integration.Tests.Fixtures;

namespace ArchLab.Integration.Tests.Services;

/// <summary>A naive JetStream consumer with a short ack wait, so that a redelivery comes quickly.</summary>
public class NaiveConsumerArm : ArmFixture
{
    public override string Style => Styles.JetStream;

    protected override string ArmOptions => "ackWait: 1s";
}

/// <summary>The same, with the consumer's inbox.</summary>
public sealed class IdempotentConsumerArm : NaiveConsumerArm
{
    protected override string ArmOptions => base.ArmOptions + ", idempotent: true";
}

/// <summary>
/// A consumer SIGKILLed between its effect and its ack, then restarted: the message is redelivered. The
/// naive consumer runs the step again (a real duplicate); the idempotent one finds the order in its inbox,
/// rebuilt from its ledger, and only acks.
/// </summary>
public abstract class ConsumerCrashTests<TArm>(TArm arm, int expectedEffects) where TArm : ArmFixture
{
    [Fact]
    public async Task A_consumer_killed_between_effect_and_ack_and_restarted_gets_the_message_again()
    {
        var id = arm.NextId();
        var payment = arm.Roles[Roles.Payment];
        await arm.SetFaultsAsync(Roles.Payment, new StepFaults(CrashAfterEffect: true));

        using var client = new HttpClient();
        using var response = await client.PostAsJsonAsync(new Uri(arm.Edge, "/orders"), new PlaceOrder(id.ToString(), "p"), TestContext.Current.CancellationToken);
        Assert.True(response.IsSuccessStatusCode);

        await payment.Exited.WaitAsync(TimeSpan.FromSeconds(15), TestContext.Current.CancellationToken);
        Assert.Equal(128 + 9, payment.ExitCode);
        Assert.Equal((1, 0), (arm.EffectsOf(Roles.Payment, id), arm.EffectsOf(Roles.Notify, id)));

        await arm.RestartAsync(Roles.Payment, payment);

        await Eventually.TrueAsync(() => arm.EffectsOf(Roles.Notify, id) == 1, TimeSpan.FromSeconds(20), "the order completed after the restart");
        Assert.Equal(expectedEffects, arm.EffectsOf(Roles.Payment, id));
        Assert.Equal(1, arm.EffectsOf(Roles.Notify, id));
    }
}

[Collection(ArmProcesses.Name)]
public sealed class NaiveConsumerCrashTests(NaiveConsumerArm arm)
    : ConsumerCrashTests<NaiveConsumerArm>(arm, expectedEffects: 2), IClassFixture<NaiveConsumerArm>;

[Collection(ArmProcesses.Name)]
public sealed class IdempotentConsumerCrashTests(IdempotentConsumerArm arm)
    : ConsumerCrashTests<IdempotentConsumerArm>(arm, expectedEffects: 1), IClassFixture<IdempotentConsumerArm>;
