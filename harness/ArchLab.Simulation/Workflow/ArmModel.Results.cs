using ArchLab.Harness.Model.Results;
using ArchLab.Harness.Model.Semantics;
using ArchLab.Simulation.Queueing;
using HdrHistogram;

namespace ArchLab.Simulation.Workflow;

/// <summary>The arm's books shaped into the results contract: each order's facts go through the same books the ledger checker closes.</summary>
internal abstract partial class ArmModel
{
    /// <summary>Completion latency of the measured accepted orders that completed, microseconds; set by <see cref="Result"/>.</summary>
    public HistogramBase Completion { get; private set; } = Latency.NewHistogram();

    public ArmResult Result(string name, (double Seconds, bool TimedOut) drain)
    {
        var seconds = Scenario.Load.Duration.TotalSeconds;
        var books = Books(seconds + drain.Seconds);
        Completion = books.Completion;
        long offered = 0;
        for (var order = 0; order < Orders.Count; order++)
        {
            offered += Measured(order) ? 1 : 0;
        }

        var sent = offered - GeneratorDrops;
        var backlog = Recorder.Backlog;
        var timeline = TimelinePoint.WithLost(TimelineShape.Build(Grid, Recorder.Intervals, books.Completions, backlog), Grid.IntervalSec, books.LostAcknowledgedSec);
        var peak = Backlog is null || timeline.Count == 0 ? null : timeline.Max(p => p.Backlog);
        return new ArmResult
        {
            Name = name,
            Style = Arm.Style,
            Simulated = true,
            Counts = new ArmCounts(offered, sent, books.Accepted, books.Completed, sent - books.Accepted, GeneratorDrops),
            ErrorsByKind = new SortedDictionary<string, long>(Recorder.ErrorsByKind, StringComparer.Ordinal),
            Throughput = Rates.Of(offered, books.Accepted, books.Completed, seconds, books.LastCompletionSec),
            LatencyMs = new ArmLatencies(Latency.Summarise(Recorder.Accept), Latency.Summarise(Recorder.Accept), Latency.Summarise(books.Completion), null),
            Delivery = books.Delivery,
            Accounting = books.Accounting,
            Drain = new DrainSummary(Latency.Round(drain.Seconds), drain.TimedOut),
            Recovery = RecoveryAnalysis.Analyse(timeline, Grid, Windows, seconds, Stream ? peak : null),
            RetryAmplification = books.RetryAmplification,
            IntervalSec = Grid.IntervalSec,
            Timeline = timeline,
            Faults = PowerLossFigures.WithLostOrders([.. Windows.Select(w => RecoveryAnalysis.WithResumes(w, timeline, Grid))], books.LostAcknowledgedSec),
            Notes = [.. Notes, .. DrainNote(drain)],
            Consistency = Scenario.Load.ReadAfter is { } after ? Consistency(after) : null,
        };
    }

    /// <summary>
    /// The caller's read-backs, simulated: the read model shows an order done at its completion where the edge writes
    /// it in the request path, and a read-model hop later (the completion event's way, calibrated from the run's
    /// <c>readmodel.ledger</c>; none uncalibrated) elsewhere; a read <paramref name="after"/> the answer is stale when it
    /// comes before that.
    /// </summary>
    private ArmConsistency Consistency(TimeSpan after)
    {
        var draws = ServiceDraws.Of(Random("readmodel"));
        var hop = Arm.AnswersOnCompletion ? null : Calibration?.ReadModelHop;
        var window = Latency.NewHistogram();
        long reads = 0, stale = 0, never = 0;
        for (var order = 0; order < Orders.Count; order++)
        {
            if (!Measured(order) || Orders.Caller(order) != CallerView.Accepted)
            {
                continue;
            }

            reads++;
            if (!Orders.IsComplete(order))
            {
                never++;
                stale++;
                continue;
            }

            var answered = Orders.Answered(order);
            var shown = Orders.CompletedAt(order) + (hop?.Next(draws) ?? 0);
            stale += shown > answered + after.TotalSeconds ? 1 : 0;
            window.RecordValue(Latency.Micros(Math.Max(0, shown - answered)));
        }

        return new ArmConsistency(after.TotalMilliseconds, reads, stale, 0, reads == 0 ? null : Math.Round((double)stale / reads, 4), Latency.Summarise(window), never);
    }

    /// <summary>Whether the arm keeps a JetStream stream or RabbitMQ queues: the backlog's peak is then a figure.</summary>
    private bool Stream => (this is BrokerChainArm && Arm.JetStream is not null) || this is QueueChainArm;

    /// <summary>Every order's facts, as the ledger checker would read them, into the books; closed at <paramref name="endSec"/>.</summary>
    private Books Books(double endSec) =>
        SimulatedBooks.Close(Orders, BooksScope.Of(Scenario, Arm, endSec), MeasureStart, LoadEnd, Pending);

    private static IEnumerable<string> DrainNote((double Seconds, bool TimedOut) drain) => drain.TimedOut
        ? [$"the drain reached its limit after {drain.Seconds:0.#}s with work outstanding"]
        : [];
}
