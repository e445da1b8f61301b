using ArchLab.Harness.Model.Semantics;

namespace ArchLab.Simulation.Workflow;

/// <summary>The simulator's orders read as the ledger checker reads a measured arm's: each one's facts into the same books.</summary>
public static class SimulatedBooks
{
    /// <param name="orders">The arm's orders; times are seconds from the start of the warm-up.</param>
    /// <param name="scope">The arm's scope, its end in seconds since the measured start.</param>
    /// <param name="measureStart">Start of the measured window.</param>
    /// <param name="loadEnd">End of the load: orders intended in [measureStart, loadEnd) are measured.</param>
    /// <param name="heldByBroker">Whether the broker still holds work for an order.</param>
    public static Books Close(OrderBook orders, BooksScope scope, double measureStart, double loadEnd, Func<int, bool> heldByBroker)
    {
        ArgumentNullException.ThrowIfNull(orders);
        ArgumentNullException.ThrowIfNull(heldByBroker);
        var books = new DeliveryBooks(scope);
        for (var order = 0; order < orders.Count; order++)
        {
            var intended = orders.Intended(order);
            var last = orders.LastProgress(order);
            books.Add(new OrderFacts
            {
                Measured = intended >= measureStart && intended < loadEnd,
                Caller = orders.Caller(order) switch
                {
                    CallerView.Accepted => CallerOutcome.Accepted,
                    CallerView.Dropped => CallerOutcome.NotSent,
                    _ => CallerOutcome.NotAccepted, // failed, or still waiting when the books closed
                },
                IntendedSec = intended - measureStart,
                CompletedSec = orders.IsComplete(order) ? orders.CompletedAt(order) - measureStart : null,
                Effects = orders.EffectsOf(order),
                FailedAttempts = orders.FailuresOf(order),
                Expired = orders.Has(order, OrderBook.Expired),
                DeadLettered = orders.Has(order, OrderBook.DeadLettered),
                HeldByBroker = heldByBroker(order),
                LastProgressSec = double.IsNaN(last) ? null : last - measureStart,
            });
        }

        return books.Close();
    }
}
