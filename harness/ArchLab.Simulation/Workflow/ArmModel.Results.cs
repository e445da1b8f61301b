using ArchLab.Harness.Model.Results;
using HdrHistogram;

namespace ArchLab.Simulation.Workflow;

/// <summary>The arm's books shaped into the results contract, as the harness shapes a measured arm's.</summary>
internal abstract partial class ArmModel
{
    public ArmResult Result(string name, (double Seconds, bool TimedOut) drain)
    {
        long offered = 0, sent = 0, accepted = 0, errors = 0, completed = 0;
        long ok = 0, lost = 0, duplicated = 0, expired = 0, deadLettered = 0, pending = 0, recovered = 0, partial = 0;
        for (var order = 0; order < Orders.Count; order++)
        {
            if (!Measured(order))
            {
                continue;
            }

            offered++;
            var view = Orders.Caller(order);
            var complete = Orders.IsComplete(order);
            completed += complete ? 1 : 0;
            if (view == CallerView.Accepted)
            {
                sent++;
                accepted++;
                if (complete)
                {
                    _ = Orders.Duplicated(order) ? duplicated++ : ok++;
                }
                else if (Orders.Has(order, OrderBook.Expired))
                {
                    expired++;
                }
                else if (Orders.Has(order, OrderBook.DeadLettered))
                {
                    deadLettered++;
                }
                else if (Pending(order))
                {
                    pending++;
                }
                else
                {
                    lost++;
                }
            }
            else if (view == CallerView.Failed || view == CallerView.Waiting)
            {
                recovered += complete ? 1 : 0;
                partial += !complete && Orders.AnyEffect(order) ? 1 : 0;
            }
        }

        sent = offered - GeneratorDrops;
        errors = sent - accepted;
        var seconds = Scenario.Load.Duration.TotalSeconds;
        var timeline = Timeline();
        var peak = Backlog is null || timeline.Count == 0 ? null : timeline.Max(p => p.Backlog);
        var stream = this is BrokerChainArm && Arm.JetStream is not null;
        return new ArmResult
        {
            Name = name,
            Style = Arm.Style,
            Simulated = true,
            Counts = new ArmCounts(offered, sent, accepted, completed, errors, GeneratorDrops),
            ErrorsByKind = new SortedDictionary<string, long>(Recorder.ErrorsByKind, StringComparer.Ordinal),
            Throughput = new ArmThroughput(Round(offered / seconds), Round(accepted / seconds), Round(completed / Math.Max(seconds, drain.Seconds + seconds))),
            LatencyMs = new ArmLatencies(Summary(Recorder.Accept), Summary(Recorder.Accept), Summary(Recorder.Completion), null),
            Delivery = new DeliveryCounts(ok, lost, duplicated, 0, recovered, stream ? expired : null, stream ? deadLettered : null, pending) { PartialEffects = partial },
            Accounting = new AccountingCheck(
                ok + lost + duplicated + expired + deadLettered + pending == accepted,
                $"ok {ok} + lost {lost} + duplicated {duplicated} + expired {expired} + dead-lettered {deadLettered} + pending {pending} = {ok + lost + duplicated + expired + deadLettered + pending}; accepted {accepted}"),
            Drain = new DrainSummary(Round(drain.Seconds), drain.TimedOut),
            Recovery = RecoveryAnalysis.Analyse(timeline, Windows, seconds, stream ? peak : null),
            RetryAmplification = sent == 0 ? null : Round((double)Executions / (sent * Stages.Count)),
            Timeline = timeline,
            Faults = Windows,
            Notes = [.. Notes, .. DrainNote(drain)],
        };
    }

    private static IEnumerable<string> DrainNote((double Seconds, bool TimedOut) drain) => drain.TimedOut
        ? [$"the drain reached its limit after {drain.Seconds:0.#}s with work outstanding"]
        : [];

    private List<TimelinePoint> Timeline() => Recorder.Seconds.Select((s, t) => new TimelinePoint(
        t, s.Offered, s.Accepted, s.Completed, s.Errors, s.Backlog, s.AcceptP99Ms is { } a ? Round(a) : null)
    {
        CompletionP99Ms = s.CompletionP99Ms is { } c ? Round(c) : null,
    }).ToList();

    private static LatencySummary? Summary(HistogramBase h) => h.TotalCount == 0 ? null : new LatencySummary(
        h.TotalCount,
        Round(h.GetMean() / 1000),
        Round(h.GetValueAtPercentile(50) / 1000.0),
        Round(h.GetValueAtPercentile(90) / 1000.0),
        Round(h.GetValueAtPercentile(99) / 1000.0),
        Round(h.GetValueAtPercentile(99.9) / 1000.0),
        Round(h.GetMaxValue() / 1000.0));

    private static double Round(double value) => Math.Round(value, 3);
}
