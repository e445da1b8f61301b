using ArchLab.Harness.Model.Semantics;

namespace ArchLab.Unit.Tests.Semantics;

public sealed class DeliveryRulesTests
{
    private static readonly BooksScope Stream = new(TimelineGrid.Seconds, CanDeadLetter: true, MaxAgeSec: 5, EndSec: 20);

    // inventory, payment, notify
    private static readonly byte[] Halfway = [1, 0, 0];
    private static readonly byte[] None = [0, 0, 0];

    private static DeliveryClass Accepted(bool deadLettered = false, bool expired = false, bool held = false, double? lastProgress = 19,
        BooksScope? scope = null) =>
        DeliveryRules.Classify(
            new OrderFacts
            {
                Measured = true, Caller = CallerOutcome.Accepted, IntendedSec = 1, Effects = Halfway, FailedAttempts = None,
                DeadLettered = deadLettered, Expired = expired, HeldByBroker = held, LastProgressSec = lastProgress,
            },
            scope ?? Stream);

    [Fact]
    public void Dead_lettered_comes_before_expired_which_comes_before_pending_which_comes_before_lost()
    {
        Assert.Equal(DeliveryClass.DeadLettered, Accepted(deadLettered: true, expired: true, held: true));
        Assert.Equal(DeliveryClass.Expired, Accepted(expired: true, held: true));
        Assert.Equal(DeliveryClass.Pending, Accepted(held: true));
        Assert.Equal(DeliveryClass.Lost, Accepted());
    }

    [Fact]
    public void Expired_is_inferred_from_age_when_no_one_states_it_and_the_age_counts_to_the_closing_of_the_books()
    {
        // The books close at 20 s with a 5 s TTL: nothing happened since 14 s is 6 s, so no message of it can be stored.
        Assert.Equal(DeliveryClass.Expired, Accepted(held: true, lastProgress: 14));
        Assert.Equal(DeliveryClass.Pending, Accepted(held: true, lastProgress: 15.5));
        // Without a record, the age counts from the intended time (1 s).
        Assert.Equal(DeliveryClass.Expired, Accepted(lastProgress: null));
    }

    [Fact]
    public void An_arm_without_a_TTL_or_a_dead_letter_subject_has_neither_class()
    {
        var plain = new BooksScope(TimelineGrid.Seconds, CanDeadLetter: false, MaxAgeSec: null, EndSec: 20);

        Assert.Equal(DeliveryClass.Pending, Accepted(deadLettered: true, expired: true, held: true, lastProgress: 0, scope: plain));
        Assert.Equal(DeliveryClass.Lost, Accepted(deadLettered: true, expired: true, lastProgress: 0, scope: plain));
    }

    [Theory]
    [InlineData(CallerOutcome.Accepted, new byte[] { 1, 1, 1 }, true, DeliveryClass.Ok)]
    [InlineData(CallerOutcome.Accepted, new byte[] { 1, 2, 1 }, true, DeliveryClass.Duplicated)]
    [InlineData(CallerOutcome.NotAccepted, new byte[] { 1, 1, 1 }, true, DeliveryClass.Recovered)]
    [InlineData(CallerOutcome.NotAccepted, new byte[] { 1, 0, 0 }, false, DeliveryClass.PartialEffects)]
    [InlineData(CallerOutcome.NotAccepted, new byte[] { 0, 0, 0 }, false, DeliveryClass.Failed)]
    [InlineData(CallerOutcome.NotSent, new byte[] { 0, 0, 0 }, false, DeliveryClass.NotCounted)]
    public void Completed_and_unaccepted_orders_are_classed_by_their_effects(CallerOutcome caller, byte[] effects, bool complete, DeliveryClass expected)
    {
        var order = new OrderFacts
        {
            Measured = true, Caller = caller, IntendedSec = 0, CompletedSec = complete ? 0.5 : null, Effects = effects, FailedAttempts = None,
            DeadLettered = true, HeldByBroker = true,
        };

        Assert.Equal(expected, DeliveryRules.Classify(order, Stream));
    }

    [Fact]
    public void A_warm_up_order_is_not_counted_whatever_happened_to_it()
    {
        var order = new OrderFacts { Measured = false, Caller = CallerOutcome.Accepted, IntendedSec = -1, Effects = Halfway, FailedAttempts = None };

        Assert.Equal(DeliveryClass.NotCounted, DeliveryRules.Classify(order, Stream));
    }
}
