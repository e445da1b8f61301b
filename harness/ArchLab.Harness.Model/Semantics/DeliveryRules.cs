namespace ArchLab.Harness.Model.Semantics;

/// <summary>The one rule that puts a measured order in its delivery class, for measured and simulated arms alike.</summary>
public static class DeliveryRules
{
    /// <summary>
    /// An accepted order that completed is duplicated when a step had more than one effect, else ok. One that did not
    /// complete is, in this order of precedence:
    /// <list type="number">
    /// <item><b>dead-lettered</b>: the broker states it, per order, on the dead-letter subject; it gave up on the
    /// order, which can never complete. The most specific fact there is, so it comes first.</item>
    /// <item><b>expired</b>: the stream's TTL removed it; it can never complete either. The simulator knows it; the
    /// checker infers it from age (nothing happened to the order for longer than the TTL before the books closed, so
    /// no message of it can still be stored). The inference is sound, which is why it may outrank pending.</item>
    /// <item><b>pending</b>: the broker still holds work for it, so it may yet complete. The weakest claim (the
    /// checker knows it only for the whole arm, as a backlog above zero), so it must not hide a per-order fact
    /// that says the order is gone.</item>
    /// <item><b>lost</b>: nothing holds it and nothing says why.</item>
    /// </list>
    /// </summary>
    public static DeliveryClass Classify(in OrderFacts order, BooksScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        if (!order.Measured || order.Caller == CallerOutcome.NotSent)
        {
            return DeliveryClass.NotCounted;
        }

        var complete = order.CompletedSec is not null;
        if (order.Caller == CallerOutcome.NotAccepted)
        {
            return complete ? DeliveryClass.Recovered : Any(order.Effects, 0) ? DeliveryClass.PartialEffects : DeliveryClass.Failed;
        }

        if (complete)
        {
            return Any(order.Effects, 1) ? DeliveryClass.Duplicated : DeliveryClass.Ok;
        }

        if (order.DeadLettered && scope.CanDeadLetter)
        {
            return DeliveryClass.DeadLettered;
        }

        if (scope.MaxAgeSec is { } maxAge && (order.Expired || AgeSec(order, scope) >= maxAge))
        {
            return DeliveryClass.Expired;
        }

        return order.HeldByBroker ? DeliveryClass.Pending : DeliveryClass.Lost;
    }

    /// <summary>Time since anything last happened to the order (its acceptance at least), to the closing of the books.</summary>
    private static double AgeSec(in OrderFacts order, BooksScope scope) =>
        scope.EndSec - Math.Max(order.LastProgressSec ?? order.IntendedSec, order.IntendedSec);

    private static bool Any(ReadOnlySpan<byte> counts, int above)
    {
        foreach (var count in counts)
        {
            if (count > above)
            {
                return true;
            }
        }

        return false;
    }
}
