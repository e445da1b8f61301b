using ArchLab.Contracts.Ledger;
using ArchLab.Contracts.Messages;
using ArchLab.Harness.Ledger;
using ArchLab.Harness.Model.Semantics;

namespace ArchLab.Unit.Tests.Ledger;

public sealed class LedgerCheckerTests
{
    [Fact]
    public void Orders_that_ran_every_step_once_are_ok_and_the_books_add_up()
    {
        using var run = new SyntheticRun();
        for (var seq = 0; seq < 5; seq++)
        {
            run.Caller(seq, CallerOutcome.Accepted).Complete(seq);
        }

        var result = run.Check();

        Assert.Equal(5, result.Delivery.Ok);
        Assert.Equal(5, result.Completed);
        Assert.Equal(5, result.Completion.TotalCount);
        Assert.True(result.Accounting.AddsUp, result.Accounting.Detail);
    }

    [Fact]
    public void With_a_fan_out_an_order_completes_only_when_every_receiver_has_its_effect()
    {
        using var run = new SyntheticRun(receivers: 4);
        run.Caller(0, CallerOutcome.Accepted).Complete(0);
        // Three of four receivers: the fourth was down and nothing kept the message for it.
        run.Caller(1, CallerOutcome.Accepted).Effects(1, [StepCodes.Edge, StepCodes.Inventory, StepCodes.Payment, .. run.Receivers[..3]]);

        var result = run.Check();

        Assert.Equal(1, result.Delivery.Ok);
        Assert.Equal(1, result.Delivery.Lost);
        Assert.Equal(1, result.Completed);
        Assert.True(result.Accounting.AddsUp, result.Accounting.Detail);
    }

    [Fact]
    public void A_crash_between_effect_and_ack_redelivers_and_shows_as_a_duplicate()
    {
        using var run = new SyntheticRun();
        run.Caller(0, CallerOutcome.Accepted)
            .Effects(0, StepCodes.Edge, StepCodes.Inventory, StepCodes.Payment)
            // payment wrote its effect, died before acking; the redelivery runs it again.
            .Effects(0, StepCodes.Payment, StepCodes.Notify);

        var result = run.Check();

        Assert.Equal(1, result.Delivery.Duplicated);
        Assert.Equal(0, result.Delivery.Ok);
        Assert.Equal(1, result.Completed);
        Assert.True(result.Accounting.AddsUp);
    }

    [Fact]
    public void An_accepted_order_that_never_completed_is_lost_or_pending_when_the_broker_still_holds_it()
    {
        using var lostRun = new SyntheticRun();
        lostRun.Caller(0, CallerOutcome.Accepted).Effects(0, StepCodes.Edge, StepCodes.Inventory);
        using var pendingRun = new SyntheticRun();
        pendingRun.Caller(0, CallerOutcome.Accepted).Effects(0, StepCodes.Edge, StepCodes.Inventory);

        var lost = lostRun.Check(brokerStillHolds: false);
        var pending = pendingRun.Check(brokerStillHolds: true);

        Assert.Equal((1, 0), (lost.Delivery.Lost, lost.Delivery.Pending));
        Assert.Equal((0, 1), (pending.Delivery.Lost, pending.Delivery.Pending));
        Assert.True(lost.Accounting.AddsUp && pending.Accounting.AddsUp);
    }

    [Fact]
    public void A_timed_out_order_that_completed_anyway_is_recovered_and_one_that_half_ran_is_a_partial_effect()
    {
        using var run = new SyntheticRun();
        run.Caller(0, CallerOutcome.NotAccepted).Complete(0)
            .Caller(1, CallerOutcome.NotAccepted).Effects(1, StepCodes.Edge, StepCodes.Inventory)
            .Caller(2, CallerOutcome.NotAccepted);

        var result = run.Check();

        Assert.Equal(1, result.Delivery.Recovered);
        Assert.Equal(1, result.Delivery.PartialEffects);
        Assert.Equal(0, result.Delivery.Ok + result.Delivery.Lost);
        Assert.True(result.Accounting.AddsUp, "nothing accepted, nothing owed");
    }

    [Fact]
    public void Effects_for_ids_never_sent_or_of_another_run_are_unexpected()
    {
        using var run = new SyntheticRun();
        run.Caller(0, CallerOutcome.Accepted).Complete(0)
            .Caller(1, CallerOutcome.NotSent).Effects(1, StepCodes.Inventory)
            .Effects(99, StepCodes.Inventory)
            .Effects(new OrderId(0x12345678, 0), StepCodes.Notify);

        var result = run.Check();

        Assert.Equal(3, result.Delivery.Unexpected);
        Assert.Equal(1, result.Delivery.Ok);
    }

    [Fact]
    public void Warm_up_orders_are_known_but_not_counted()
    {
        using var run = new SyntheticRun();
        run.Caller(0, CallerOutcome.Accepted, warmup: true).Complete(0)
            .Caller(1, CallerOutcome.Accepted).Complete(1);

        var result = run.Check();

        Assert.Equal(1, result.Delivery.Ok);
        Assert.Equal(0, result.Delivery.Unexpected);
        Assert.Equal(1, result.Completed);
    }

    [Fact]
    public void A_torn_record_is_counted_and_does_not_shift_the_records_after_it()
    {
        using var run = new SyntheticRun();
        run.Caller(0, CallerOutcome.Accepted).Caller(1, CallerOutcome.Accepted).Complete(0);
        // A process killed in the middle of a write leaves a partial slot at the end of its ledger.
        var notify = Path.Combine(run.Folder, $"{StepCodes.Notify}.ledger");
        var result0 = run.Check();
        File.AppendAllText(notify, "torn");
        using (var writer = new Services.Core.Ledger.LedgerWriter(notify, StepCodes.Notify))
        {
            writer.Append(new OrderId(SyntheticRun.Nonce, 1), 1);
        }

        var reader = new LedgerReader(notify);
        var records = reader.Read().ToList();

        Assert.Equal(1, result0.Completed);
        Assert.Equal(2, records.Count);
        Assert.Equal(1, reader.TornRecords);
        Assert.Equal(1, records[1].Id.Seq);
    }

    [Fact]
    public void A_ledger_record_round_trips_through_its_40_bytes()
    {
        var record = new LedgerRecord(new OrderId(0xdeadbeef, 1234567890123), StepCodes.Payment, 3, 987654321, 4242, ServiceMicros: 10_250, PlannedMicros: 10_000);
        var bytes = new byte[LedgerRecord.Size];

        record.WriteTo(bytes);

        Assert.True(LedgerRecord.TryRead(bytes, out var read));
        Assert.Equal(record, read);
        Assert.False(LedgerRecord.TryRead(new byte[LedgerRecord.Size], out _));
    }
}
