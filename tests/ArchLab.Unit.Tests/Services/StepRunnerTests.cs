using ArchLab.Contracts.Hosting;
using ArchLab.Contracts.Ledger;
using ArchLab.Contracts.Messages;
using ArchLab.Contracts.Workflow;
using ArchLab.Services.Core.Steps;

namespace ArchLab.Unit.Tests.StepServices;

/// <summary>The one step implementation: its ledger records, its faults and its inbox, on a real file.</summary>
public sealed class StepRunnerTests : IDisposable
{
    private const uint Nonce = 0x00c0ffee;
    private readonly string _ledger = Path.Combine(Path.GetTempPath(), $"archlab-step-{Guid.NewGuid():N}.ledger");

    private CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_failed_attempt_writes_a_record_flagged_as_such_and_no_effect()
    {
        using var step = new StepRunner(Roles.Payment, StepCost.Free, _ledger, seed: 1);
        step.Faults.Set(new StepFaults(PoisonNonce: Nonce, PoisonSeqs: [1]));

        var failed = await step.ExecuteAsync(new OrderId(Nonce, 1), attempt: 2, Cancel);
        var done = await step.ExecuteAsync(new OrderId(Nonce, 2), attempt: 1, Cancel);

        Assert.Equal((StepStatus.Failed, "poison order"), (failed.Status, failed.Failure));
        Assert.Equal(StepStatus.Done, done.Status);
        var records = new LedgerReader(_ledger).Read().ToList();
        Assert.Equal(
            [(1L, (ushort)(StepCodes.Payment | StepCodes.FailedAttemptFlag), (ushort)2), (2L, StepCodes.Payment, (ushort)1)],
            records.Select(r => (r.Id.Seq, r.Step, r.Attempt)));
        Assert.True(StepCodes.IsFailedAttempt(records[0].Step));
        Assert.Equal(StepCodes.Payment, StepCodes.StepOf(records[0].Step));
    }

    [Fact]
    public async Task Each_record_carries_the_service_time_drawn_and_the_time_it_took_which_is_never_less()
    {
        using var step = new StepRunner(Roles.Payment, new StepCost(new ServiceTime(ServiceTimeKind.Fixed, TimeSpan.FromMilliseconds(5))), _ledger, seed: 1);
        step.Faults.Set(new StepFaults(PoisonNonce: Nonce, PoisonSeqs: [2]));

        await step.ExecuteAsync(new OrderId(Nonce, 1), 1, Cancel);
        await step.ExecuteAsync(new OrderId(Nonce, 2), 1, Cancel);
        step.Faults.Set(new StepFaults(Slowdown: 3));
        await step.ExecuteAsync(new OrderId(Nonce, 3), 1, Cancel);

        var records = new LedgerReader(_ledger).Read().ToList();
        Assert.Equal([5000, 5000, 15_000], records.Select(r => r.PlannedMicros));
        Assert.All(records, r => Assert.InRange(r.ServiceMicros, r.PlannedMicros, r.PlannedMicros + 5_000_000));
        Assert.True(StepCodes.IsFailedAttempt(records[1].Step));
    }

    [Fact]
    public async Task A_slowdown_multiplies_the_service_time()
    {
        using var step = new StepRunner(Roles.Payment, new StepCost(new ServiceTime(ServiceTimeKind.Fixed, TimeSpan.FromMilliseconds(40))), null, seed: 1);
        step.Faults.Set(new StepFaults(Slowdown: 5));

        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        await step.ExecuteAsync(new OrderId(Nonce, 1), 1, Cancel);

        Assert.True(System.Diagnostics.Stopwatch.GetElapsedTime(started) >= TimeSpan.FromMilliseconds(190));
    }

    [Fact]
    public async Task A_naive_runner_runs_an_order_every_time_it_is_asked()
    {
        using var step = new StepRunner(Roles.Notify, StepCost.Free, _ledger, seed: 1);

        await step.ExecuteOnceAsync(new OrderId(Nonce, 1), 1, waitForRunning: false, Cancel);
        await step.ExecuteOnceAsync(new OrderId(Nonce, 1), 2, waitForRunning: false, Cancel);

        Assert.Equal(2, new LedgerReader(_ledger).Read().Count());
    }

    [Fact]
    public async Task An_idempotent_runner_runs_an_order_once_and_remembers_it_after_a_restart()
    {
        var id = new OrderId(Nonce, 1);
        using (var step = new StepRunner(Roles.Inventory, StepCost.Free, _ledger, seed: 1, idempotent: true))
        {
            Assert.Equal(StepStatus.Done, (await step.ExecuteOnceAsync(id, 1, waitForRunning: false, Cancel)).Status);
            Assert.Equal(StepStatus.AlreadyDone, (await step.ExecuteOnceAsync(id, 2, waitForRunning: false, Cancel)).Status);
        }

        using var restarted = new StepRunner(Roles.Inventory, StepCost.Free, _ledger, seed: 1, idempotent: true);

        Assert.Equal(1, restarted.Inbox!.Recovered);
        Assert.Equal(StepStatus.AlreadyDone, (await restarted.ExecuteOnceAsync(id, 3, waitForRunning: false, Cancel)).Status);
        Assert.Single(new LedgerReader(_ledger).Read());
    }

    [Fact]
    public async Task A_failed_attempt_is_not_in_the_inbox_so_the_next_one_runs()
    {
        using var step = new StepRunner(Roles.Inventory, StepCost.Free, _ledger, seed: 1, idempotent: true);
        step.Faults.Set(new StepFaults(PoisonNonce: Nonce, PoisonSeqs: [1]));
        await step.ExecuteOnceAsync(new OrderId(Nonce, 1), 1, waitForRunning: false, Cancel);
        step.Faults.Clear();

        var retried = await step.ExecuteOnceAsync(new OrderId(Nonce, 1), 2, waitForRunning: false, Cancel);

        Assert.Equal(StepStatus.Done, retried.Status);
    }

    [Fact]
    public async Task A_delivery_of_an_order_still_running_is_in_flight_or_waits_for_the_run()
    {
        using var step = new StepRunner(Roles.Payment, new StepCost(new ServiceTime(ServiceTimeKind.Fixed, TimeSpan.FromMilliseconds(300))), _ledger, seed: 1, idempotent: true);
        var id = new OrderId(Nonce, 1);

        var first = step.ExecuteOnceAsync(id, 1, waitForRunning: false, Cancel).AsTask();
        var redelivery = await step.ExecuteOnceAsync(id, 2, waitForRunning: false, Cancel);
        var retry = await step.ExecuteOnceAsync(id, 3, waitForRunning: true, Cancel);

        Assert.Equal(StepStatus.InFlight, redelivery.Status);
        Assert.Equal(StepStatus.AlreadyDone, retry.Status);
        Assert.Equal(StepStatus.Done, (await first).Status);
        Assert.Single(new LedgerReader(_ledger).Read());
    }

    [Fact]
    public void The_nak_delay_follows_the_backoff_and_repeats_its_last_value()
    {
        var options = new JetStreamConsumerOptions { Backoff = [TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(1)] };

        Assert.Equal([100, 1000, 1000], new long[] { 1, 2, 7 }.Select(n => options.NakDelayFor(n).TotalMilliseconds));
        Assert.Equal(JetStreamConsumerOptions.DefaultNakDelay, JetStreamConsumerOptions.Default.NakDelayFor(3));
    }

    public void Dispose() => File.Delete(_ledger);
}
