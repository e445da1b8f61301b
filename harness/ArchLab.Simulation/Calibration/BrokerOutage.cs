using System.Diagnostics;
using ArchLab.Contracts.Ledger;
using ArchLab.Contracts.Messages;
using ArchLab.Harness.Model.Results;
using ArchLab.Harness.Model.Scenarios;

namespace ArchLab.Simulation.Calibration;

/// <summary>
/// What one fault on a broker cluster's node did to a measured arm: how long after the fault's start the edge's
/// publishes were accepted again (the window's <see cref="FaultWindow.AcceptResumeSec"/>), and, by step role, how long
/// until that step's consumer took work again: its first effect after publishing resumed. A consumer that lost its
/// pull with the stream's leader waits for its client to notice, and each client notices on its own timer, so one
/// step may resume seconds after another (R1 on nats-server 2.9 with NATS.Net 3.3: inventory at once, notify 20 s on).
/// </summary>
/// <param name="StartSec">The fault's start, seconds from the measured start.</param>
/// <param name="PublishResumeSec">Seconds from the start until publishes were accepted again; 0: they never stopped.</param>
/// <param name="ConsumerResumeSec">By step role: seconds from the start until the step's first effect after publishing resumed.</param>
/// <param name="Refused">Whether the edge's publishes were refused in the outage (errors in its intervals) rather than held
/// until it ended: held when the edge's own connection is to the cut-off leader, which waits for its followers.</param>
public sealed record BrokerOutage(string Kind, double StartSec, double PublishResumeSec, IReadOnlyDictionary<string, double> ConsumerResumeSec, bool Refused = true)
{
    /// <summary>Seconds from the start until the harness had the node (or nodes) back, ready; null where not recorded.</summary>
    public double? BackSec { get; init; }

    /// <summary>The outages of the arm's broker-node faults that recorded when publishing resumed.</summary>
    public static IReadOnlyList<BrokerOutage> Of(ArmResult arm, IReadOnlyDictionary<string, List<LedgerRecord>> records, IEnumerable<string> steps)
    {
        if (arm.MeasureStartTicks is not { } origin)
        {
            return [];
        }

        var outages = new List<BrokerOutage>();
        foreach (var window in arm.Faults.Where(f => (BrokerNodes.IsNode(f.Target) || f.Target == BrokerNodes.All) && f.AcceptResumeSec is null && f.EndSec is not null))
        {
            outages.Add(Unresumed(arm, window, origin, records, steps));
        }

        foreach (var window in arm.Faults.Where(f => (BrokerNodes.IsNode(f.Target) || f.Target == BrokerNodes.All) && f.AcceptResumeSec is not null))
        {
            var resumed = window.StartSec + window.AcceptResumeSec!.Value;
            var from = origin + (long)(resumed * Stopwatch.Frequency);
            var consumers = new Dictionary<string, double>(StringComparer.Ordinal);
            foreach (var step in steps.Where(records.ContainsKey))
            {
                var first = records[step].Where(r => r.Timestamp >= from && !StepCodes.IsFailedAttempt(r.Step))
                    .Select(r => r.Timestamp).DefaultIfEmpty(long.MaxValue).Min();
                if (first != long.MaxValue)
                {
                    consumers[step] = ((first - origin) / (double)Stopwatch.Frequency) - window.StartSec;
                }
            }

            var refused = arm.Timeline.Any(p => p.T > window.StartSec && p.T <= resumed + arm.IntervalSec && p.Errors > 0);
            outages.Add(new BrokerOutage(window.Kind, window.StartSec, window.AcceptResumeSec.Value, consumers, refused)
            {
                BackSec = window.ReadySec - window.StartSec,
            });
        }

        return outages;
    }

    /// <summary>A step this long without an effect under load has stalled: longer than any step's service, shorter than the two missed heartbeats after which its client pulls anew.</summary>
    private const double StalledSec = 1;

    /// <summary>
    /// A fault after which the edge's publishes were not accepted again before the load ended (durability's quick
    /// profile: R3's leader lost power 1.5 s before the end), while the steps did resume later: each step resumed with
    /// the first effect that ended a silence of <see cref="StalledSec"/> after the fault's start (its first after the start
    /// where it never stalled); a step that did not resume in the run takes the model's time. The edge's publishes were
    /// refused until the load ended, and at least until the broker counted the stream again: a stream whose files all
    /// went (write-back 0) is made again by the restarted node when the cluster's meta group tells it to, which took
    /// 1.3 s in one run of durability's r1-fsync-only and 11 s in another.
    /// </summary>
    private static BrokerOutage Unresumed(ArmResult arm, FaultWindow window, long origin, IReadOnlyDictionary<string, List<LedgerRecord>> records, IEnumerable<string> steps)
    {
        var start = origin + (long)(window.StartSec * Stopwatch.Frequency);
        var consumers = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var step in steps.Where(records.ContainsKey))
        {
            var effects = records[step].Where(r => !StepCodes.IsFailedAttempt(r.Step)).Select(r => r.Timestamp).Where(t => t >= start).Order().ToList();
            if (effects.Count == 0)
            {
                continue;
            }

            var resumed = effects[0];
            var last = start;
            foreach (var t in effects)
            {
                if (t - last >= StalledSec * Stopwatch.Frequency)
                {
                    resumed = t;
                    break;
                }

                last = t;
            }

            consumers[step] = ((resumed - origin) / (double)Stopwatch.Frequency) - window.StartSec;
        }

        // The edge's publishes were refused to the load's end at least; the steps' own say nothing of it (a consumer led
        // by a node that kept its power went on taking deliveries whose next publish failed: durability's r3 payment).
        var loadEnd = arm.Timeline.Where(p => p.Offered > 0).Select(p => p.T + arm.IntervalSec).DefaultIfEmpty(window.StartSec).Max();
        var counted = arm.Timeline.FirstOrDefault(p => p.T >= window.EndSec && p.Backlog is not null)?.T ?? loadEnd;
        return new BrokerOutage(window.Kind, window.StartSec, Math.Max(0, Math.Max(loadEnd, counted) - window.StartSec), consumers)
        {
            BackSec = window.ReadySec - window.StartSec,
        };
    }

    public string Describe() => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"{Kind} at {StartSec:0.#} s: publishing {(Refused ? "refused" : "held")}, after {PublishResumeSec:0.##} s, consumers after {string.Join(", ", ConsumerResumeSec.Select(c => $"{c.Key} {c.Value:0.##} s"))}");
}
