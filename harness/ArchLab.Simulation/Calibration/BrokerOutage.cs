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
    /// <summary>The outages of the arm's broker-node faults that recorded when publishing resumed.</summary>
    public static IReadOnlyList<BrokerOutage> Of(ArmResult arm, IReadOnlyDictionary<string, List<LedgerRecord>> records, IEnumerable<string> steps)
    {
        if (arm.MeasureStartTicks is not { } origin)
        {
            return [];
        }

        var outages = new List<BrokerOutage>();
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
            outages.Add(new BrokerOutage(window.Kind, window.StartSec, window.AcceptResumeSec.Value, consumers, refused));
        }

        return outages;
    }

    public string Describe() => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"{Kind} at {StartSec:0.#} s: publishing {(Refused ? "refused" : "held")}, after {PublishResumeSec:0.##} s, consumers after {string.Join(", ", ConsumerResumeSec.Select(c => $"{c.Key} {c.Value:0.##} s"))}");
}
