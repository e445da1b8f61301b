using System.Net;
using System.Text.Json;
using ArchLab.Contracts.Hosting;
using ArchLab.Contracts.Messages;
using ArchLab.Contracts.Workflow;
using ArchLab.Integration.Tests.Fixtures;
using NATS.Client.Core;

namespace ArchLab.Integration.Tests.Contract;

/// <summary>
/// The contract, plus what only request-reply shows: a failed step fails the order at once with the step's name
/// (no retry, as plain REST), and a request nobody subscribes to is told "no responders" by the server.
/// </summary>
[Collection(ArmProcesses.Name)]
public sealed class NatsRequestContract(NatsRequestArm arm) : StyleContract<NatsRequestArm>(arm), IClassFixture<NatsRequestArm>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_poison_order_fails_at_its_step_with_a_502_and_the_steps_after_it_never_run()
    {
        var poison = Arm.NextId();
        await Arm.SetFaultsAsync(Roles.Payment, new StepFaults(PoisonNonce: Arm.Nonce, PoisonSeqs: [poison.Seq]));
        try
        {
            using var response = await PlaceAsync(poison);

            Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
            using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancel));
            Assert.Equal(Roles.Payment, problem.RootElement.GetProperty("step").GetString());
            Assert.Equal((1, 0, 1, 0), (Arm.EffectsOf(Roles.Inventory, poison), Arm.EffectsOf(Roles.Payment, poison),
                Arm.FailedAttemptsOf(Roles.Payment, poison), Arm.EffectsOf(Roles.Notify, poison)));
        }
        finally
        {
            await Arm.ClearFaultsAsync(Roles.Payment);
        }
    }

    [Fact]
    public async Task A_step_slower_than_the_timeout_is_a_524_and_runs_to_its_end_anyway()
    {
        var id = Arm.NextId();
        // payment's 2 ms becomes 2 s, past the arm's 1 s timeout.
        await Arm.SetFaultsAsync(Roles.Payment, new StepFaults(Slowdown: 1000));
        try
        {
            using var response = await PlaceAsync(id);

            Assert.Equal(EdgeStatus.RequestTimeout, (int)response.StatusCode);
            using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancel));
            Assert.Equal(Roles.Payment, problem.RootElement.GetProperty("step").GetString());
            await Eventually.TrueAsync(() => Arm.EffectsOf(Roles.Payment, id) == 1, TimeSpan.FromSeconds(15), "payment finished the step nobody waited for");
            Assert.Equal(0, Arm.EffectsOf(Roles.Notify, id));
        }
        finally
        {
            await Arm.ClearFaultsAsync(Roles.Payment);
        }
    }

    [Fact]
    public async Task A_step_that_crashes_after_its_effect_fails_the_order_and_is_back_for_the_next()
    {
        var id = Arm.NextId();
        var notify = Arm.Roles[Roles.Notify];
        await Arm.SetFaultsAsync(Roles.Notify, new StepFaults(CrashAfterEffect: true));

        using var response = await PlaceAsync(id);

        await notify.Exited.WaitAsync(TimeSpan.FromSeconds(15), Cancel);
        Assert.Equal(1, Arm.EffectsOf(Roles.Notify, id));
        // Dead before its reply: the request had reached it, so the server says nothing and the edge times out.
        Assert.Equal(EdgeStatus.RequestTimeout, (int)response.StatusCode);
        await Arm.RestartAsync(Roles.Notify, notify);
        using var after = await PlaceAsync(Arm.NextId());
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    [Fact]
    public async Task A_request_to_a_step_nobody_serves_is_told_no_responders_at_once()
    {
        await using var nats = new NatsConnection(new NatsOpts { Url = Arm.Broker!.ClientUrl });

        await Assert.ThrowsAsync<NatsNoRespondersException>(async () =>
            await nats.RequestAsync<byte[], byte[]>(Subjects.StepRequest("nobody"), [], replyOpts: new NatsSubOpts { Timeout = TimeSpan.FromSeconds(5) }, cancellationToken: Cancel));
    }

    [Fact]
    public async Task A_request_that_is_not_a_step_message_gets_a_failed_reply_and_the_responder_goes_on()
    {
        await using var nats = new NatsConnection(new NatsOpts { Url = Arm.Broker!.ClientUrl });

        var reply = await nats.RequestAsync<byte[], byte[]>(Subjects.StepRequest(Roles.Inventory), "not an order"u8.ToArray(), cancellationToken: Cancel);

        Assert.True(reply.Headers?.ContainsKey(Subjects.StepFailedHeader), "the reply says the step failed");
        var id = Arm.NextId();
        using var response = await PlaceAsync(id);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
