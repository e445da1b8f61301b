using ArchLab.Harness.Model.Results;
using HdrHistogram;

namespace ArchLab.Harness.Model.Semantics;

/// <summary>
/// Keeps an arm's books from its orders' facts, one order at a time (nothing is kept per order but a completion
/// sample): each measured order in its class by <see cref="DeliveryRules"/>, completion latencies, completions per
/// interval and retry amplification. The ledger checker and the simulator both close their books here.
/// </summary>
public sealed class DeliveryBooks(BooksScope scope)
{
    private readonly long[] _classes = new long[Enum.GetValues<DeliveryClass>().Length];
    private readonly LongHistogram _completion = Latency.NewHistogram();
    private readonly CompletionSeries _series = new(scope.Grid);
    private readonly RetryAmplification _amplification = new();
    private readonly List<double> _lostAcknowledged = [];
    private long _accepted;

    /// <summary>Counts one order; returns its class.</summary>
    public DeliveryClass Add(in OrderFacts order)
    {
        var cls = DeliveryRules.Classify(order, scope);
        _accepted += order.Measured && order.Caller == CallerOutcome.Accepted ? 1 : 0;
        _classes[(int)cls]++;
        if (cls == DeliveryClass.Lost)
        {
            _lostAcknowledged.Add(order.AnsweredSec ?? order.IntendedSec);
        }

        if (cls == DeliveryClass.NotCounted)
        {
            return cls;
        }

        _amplification.Add(order.Effects, order.FailedAttempts);
        if (cls is DeliveryClass.Ok or DeliveryClass.Duplicated)
        {
            var completed = order.CompletedSec!.Value;
            var micros = Latency.Micros(completed - order.IntendedSec);
            _completion.RecordValue(micros);
            _series.Add(completed, micros);
        }

        return cls;
    }

    /// <param name="unexpected">Effects for ids never sent, which only a ledger can show.</param>
    /// <param name="eachCompletionInterval">See <see cref="CompletionSeries.Build"/>.</param>
    public Books Close(long unexpected = 0, Action<int, HistogramBase>? eachCompletionInterval = null)
    {
        long Of(DeliveryClass c) => _classes[(int)c];
        var (ok, duplicated, lost, pending) = (Of(DeliveryClass.Ok), Of(DeliveryClass.Duplicated), Of(DeliveryClass.Lost), Of(DeliveryClass.Pending));
        var (expired, deadLettered) = (Of(DeliveryClass.Expired), Of(DeliveryClass.DeadLettered));
        var accepted = _accepted;
        var delivery = new DeliveryCounts(ok, lost, duplicated, unexpected, Of(DeliveryClass.Recovered),
            scope.MaxAgeSec is null ? null : expired, scope.CanDeadLetter ? deadLettered : null, pending)
        {
            PartialEffects = Of(DeliveryClass.PartialEffects),
        };
        var completions = _series.Build(eachCompletionInterval);
        return new Books(delivery, Account(ok, duplicated, lost, pending, expired, deadLettered, accepted), accepted, ok + duplicated,
            _completion, completions, _series.LastSec, _amplification.Value)
        {
            LostAcknowledgedSec = [.. _lostAcknowledged],
        };
    }

    // Accepted is counted apart from the classes, so a rule that left an accepted order out of every class, or put
    // one in a class the arm cannot have, shows here.
    private AccountingCheck Account(long ok, long duplicated, long lost, long pending, long expired, long deadLettered, long accepted)
    {
        var sum = ok + duplicated + lost + pending + (scope.MaxAgeSec is null ? 0 : expired) + (scope.CanDeadLetter ? deadLettered : 0);
        var text = $"ok {ok} + duplicated {duplicated} + lost {lost} + pending {pending} + expired {expired} + dead-lettered {deadLettered} = {sum}";
        return sum == accepted
            ? new AccountingCheck(true, $"{text} = accepted {accepted}")
            : new AccountingCheck(false, $"{text}, but accepted is {accepted}");
    }
}
