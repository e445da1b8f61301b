using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ArchLab.Contracts.Hosting;
using ArchLab.Contracts.Ledger;
using ArchLab.Contracts.Workflow;
using ArchLab.Integration.Tests.Fixtures;

namespace ArchLab.Integration.Tests.Contract;

/// <summary>
/// The contract, plus what only one process shows: the step faults of one role, set through the one control endpoint,
/// hit that role and no other; a crash of any role takes every role down, and the supervisor brings the process back.
/// Run for both answers: on acceptance (events) and on completion (the synchronous chain through the channels).
/// </summary>
public abstract class InProcContract<TArm>(TArm arm) : StyleContract<TArm>(arm) where TArm : ArmFixture
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(15);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_poison_order_fails_at_its_step_and_the_faults_of_the_other_roles_are_untouched()
    {
        var poison = Arm.NextId();
        await Arm.SetFaultsAsync(Roles.Payment, new StepFaults(PoisonNonce: Arm.Nonce, PoisonSeqs: [poison.Seq]));
        try
        {
            using var response = await PlaceAsync(poison);

            if (Arm.Arm.AnswersOnCompletion)
            {
                Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
                using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancel));
                Assert.Equal(Roles.Payment, problem.RootElement.GetProperty("step").GetString());
            }
            else
            {
                // Events: the caller was answered before payment ran; the failure stays inside, in the ledger.
                Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            }

            await Eventually.TrueAsync(() => Arm.FailedAttemptsOf(Roles.Payment, poison) == 1, Within, "payment's failed attempt in its ledger");
            Assert.Equal((1, 1, 0, 0), (Arm.EffectsOf(Roles.Edge, poison), Arm.EffectsOf(Roles.Inventory, poison),
                Arm.EffectsOf(Roles.Payment, poison), Arm.EffectsOf(Roles.Notify, poison)));
            Assert.Equal([poison.Seq], (await FaultsOfAsync(Roles.Payment)).PoisonSeqs ?? []);
            Assert.Empty((await FaultsOfAsync(Roles.Inventory)).PoisonSeqs ?? []);
            Assert.Empty((await FaultsOfAsync(Roles.Notify)).PoisonSeqs ?? []);
        }
        finally
        {
            await Arm.ClearFaultsAsync(Roles.Payment);
        }

        var after = Arm.NextId();
        using var next = await PlaceAsync(after);
        Assert.True(next.IsSuccessStatusCode);
        await Eventually.TrueAsync(() => Arm.EffectsOf(Roles.Notify, after) == 1, Within, "an order after the faults were cleared");
    }

    [Fact]
    public async Task A_crash_of_one_role_takes_down_the_one_process_and_the_supervisor_brings_every_role_back()
    {
        var id = Arm.NextId();
        var process = Arm.Roles[Roles.Notify];
        Assert.All(Roles.All, role => Assert.Equal(process.Pid, Arm.Roles[role].Pid));

        // With events, a test that was answered on acceptance may have left its order in a channel; it must not be
        // the one that trips notify's crash, so the crash is armed once every earlier order has ended.
        await Eventually.TrueAsync(() => Arm.OrdersInFlight().Count == 0, Within, "the orders of earlier tests ended");
        await Arm.SetFaultsAsync(Roles.Notify, new StepFaults(CrashAfterEffect: true));

        var answered = PlaceAsync(id);
        await process.Exited.WaitAsync(Within, Cancel);
        if (Arm.Arm.AnswersOnCompletion)
        {
            // The edge waited for notify, which died before the chain could answer.
            await Assert.ThrowsAsync<HttpRequestException>(() => answered);
        }
        else
        {
            // Events: the answer leaves once the order is in the first channel, and notify may run and take the
            // process down before that answer is written out; either outcome is the style's.
            try
            {
                (await answered).Dispose();
            }
            catch (HttpRequestException)
            {
            }
        }

        // The process died right after this order's notify effect: nothing else was in flight.
        Assert.Equal(1, Arm.EffectsOf(Roles.Notify, id));

        var back = await Arm.RestartAsync(Roles.Notify, process);
        Assert.All(Roles.All, role => Assert.Equal(back.Pid, Arm.Roles[role].Pid));
        var after = Arm.NextId();
        using var response = await PlaceAsync(after);
        Assert.True(response.IsSuccessStatusCode);
        await Eventually.TrueAsync(() => Arm.EffectsOf(Roles.Notify, after) == 1, Within, "an order after the restart");
    }

    private async Task<StepFaults> FaultsOfAsync(string role) =>
        (await Client.GetFromJsonAsync(new Uri(Arm.AddressOf(role), $"{StepFaults.Path}?{StepFaults.RoleQuery}={role}"), HostingJsonContext.Default.StepFaults, Cancel))!;
}

[Collection(ArmProcesses.Name)]
public sealed class InProcEventsContract(InProcArm arm) : InProcContract<InProcArm>(arm), IClassFixture<InProcArm>;

[Collection(ArmProcesses.Name)]
public sealed class InProcSyncContract(InProcSyncArm arm) : InProcContract<InProcSyncArm>(arm), IClassFixture<InProcSyncArm>;
