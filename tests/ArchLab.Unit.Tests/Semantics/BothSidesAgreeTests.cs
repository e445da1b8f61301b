using System.Diagnostics;
using ArchLab.Contracts.Ledger;
using ArchLab.Contracts.Messages;
using ArchLab.Harness.Ledger;
using ArchLab.Harness.Model.Semantics;
using ArchLab.Simulation.Workflow;
using ArchLab.Unit.Tests.Ledger;

namespace ArchLab.Unit.Tests.Semantics;

/// <summary>
/// The same orders, once as ledgers and a caller log for the checker and once as the simulator's order book: both
/// adapters must close the same books, class for class and figure for figure.
/// </summary>
public sealed class BothSidesAgreeTests
{
    private static readonly ushort[] Steps = [StepCodes.Inventory, StepCodes.Payment, StepCodes.Notify];

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void The_checker_and_the_simulator_close_the_same_books_from_the_same_orders(bool brokerStillHolds)
    {
        using var run = new SyntheticRun();
        var book = new OrderBook(Steps.Length);
        var both = new Both(run, book);

        both.Order(0, CallerView.Accepted).Effects(0, StepCodes.Edge, StepCodes.Inventory, StepCodes.Payment, StepCodes.Notify);
        both.Order(1, CallerView.Accepted).Effects(1, StepCodes.Edge, StepCodes.Inventory).Failure(1, StepCodes.Payment)
            .Failure(1, StepCodes.Payment).Effects(1, StepCodes.Payment, StepCodes.Notify);
        both.Order(2, CallerView.Accepted).Effects(2, StepCodes.Edge, StepCodes.Inventory, StepCodes.Payment, StepCodes.Payment, StepCodes.Notify);
        both.Order(3, CallerView.Accepted).Effects(3, StepCodes.Edge, StepCodes.Inventory).Failure(3, StepCodes.Payment);
        both.Order(4, CallerView.Failed).Effects(4, StepCodes.Inventory, StepCodes.Payment, StepCodes.Notify);
        both.Order(5, CallerView.Failed).Effects(5, StepCodes.Inventory);
        both.Order(6, CallerView.Failed);
        both.Order(7, CallerView.Dropped);
        both.Order(8, CallerView.Accepted, warmup: true).Effects(8, StepCodes.Edge, StepCodes.Inventory, StepCodes.Payment, StepCodes.Notify);
        // Order 9 stalls first; order 10 stalls last. With a TTL just under the gap between them and the books closed
        // at order 10's last record, only order 9 is older than the TTL.
        both.Order(9, CallerView.Accepted).Effects(9, StepCodes.Edge);
        both.Order(10, CallerView.Accepted).Effects(10, StepCodes.Edge, StepCodes.Inventory);
        var gap = both.Last(10) - both.Last(9);
        var maxAge = TimeSpan.FromSeconds(gap * 0.9);
        book.Mark(3, OrderBook.DeadLettered); // the broker stated it; the checker reads it from the dead-letter subject
        book.Mark(9, OrderBook.Expired); // the stream stated it; the checker infers it from age
        var grid = new TimelineGrid(0.1);

        var measured = run.Check(brokerStillHolds, input => input with
        {
            DeadLettered = new HashSet<OrderId> { new(SyntheticRun.Nonce, 3) },
            MaxAge = maxAge,
            EndTimestamp = run.MeasureStart + (long)(both.Last(10) * Stopwatch.Frequency),
            Grid = grid,
        }).Books;
        var scope = new BooksScope(grid, CanDeadLetter: true, maxAge.TotalSeconds, both.Last(10));
        var simulated = SimulatedBooks.Close(book, scope, measureStart: 0, loadEnd: 1e9, _ => brokerStillHolds);

        Assert.Equal(measured.Delivery, simulated.Delivery);
        Assert.Equal(measured.Accounting, simulated.Accounting);
        Assert.Equal((measured.Accepted, measured.Completed), (simulated.Accepted, simulated.Completed));
        Assert.Equal(measured.RetryAmplification, simulated.RetryAmplification);
        Assert.Equal(Latency.Summarise(measured.Completion), Latency.Summarise(simulated.Completion));
        Assert.Equal(measured.Completions, simulated.Completions);
        Assert.Equal(measured.LastCompletionSec, simulated.LastCompletionSec);
        Assert.Equal(Rates.Of(11, measured.Accepted, measured.Completed, 1, measured.LastCompletionSec),
            Rates.Of(11, simulated.Accepted, simulated.Completed, 1, simulated.LastCompletionSec));

        // And the books say what the orders did: the figures are not merely equal, they are right.
        var d = measured.Delivery;
        Assert.Equal((2L, 1L, 1L, 1L), (d.Ok, d.Duplicated, d.DeadLettered!.Value, d.Expired!.Value));
        Assert.Equal(brokerStillHolds ? (1L, 0L) : (0L, 1L), (d.Pending, d.Lost));
        Assert.Equal((1L, 1L), (d.Recovered, d.PartialEffects));
        Assert.True(measured.Accounting.AddsUp, measured.Accounting.Detail);
        // Attempts of the measured orders sent (0-6, 9, 10): 3 + 5 + 4 + 2 + 3 + 1 + 1 = 19 (6 and 9 ran no step), over 3 + 3 + 3 + 1 + 3 + 1 + 1 = 15 steps done.
        Assert.Equal(Math.Round(19.0 / 15, 4), measured.RetryAmplification);
    }

    /// <summary>Writes each record to the ledgers and the same fact, at the same time, into the simulator's book.</summary>
    private sealed class Both(SyntheticRun run, OrderBook book)
    {
        private readonly Dictionary<long, double> _last = [];

        /// <summary>Seconds since the measured start of the order's last record.</summary>
        public double Last(long seq) => _last[seq];

        public Both Order(long seq, CallerView view, bool warmup = false)
        {
            run.Caller(seq, view switch
            {
                CallerView.Accepted => CallerOutcome.Accepted,
                CallerView.Dropped => CallerOutcome.NotSent,
                _ => CallerOutcome.NotAccepted,
            }, warmup);
            var order = book.Add(warmup ? -1 : 0); // the synthetic caller intended every order at the measured start
            book.SetCaller(order, view);
            return this;
        }

        public Both Effects(long seq, params ushort[] steps)
        {
            foreach (var step in steps)
            {
                var at = Seconds(run.Effect(seq, step));
                _last[seq] = at;
                if (step == StepCodes.Edge)
                {
                    book.Progress((int)seq, at);
                }
                else
                {
                    book.Effect((int)seq, Array.IndexOf(Steps, step), at);
                }
            }

            return this;
        }

        public Both Failure(long seq, ushort step)
        {
            var at = Seconds(run.Failure(seq, step));
            _last[seq] = at;
            book.Failed((int)seq, Array.IndexOf(Steps, step), at);
            return this;
        }

        private double Seconds(long timestamp) => (timestamp - run.MeasureStart) / (double)Stopwatch.Frequency;
    }
}
