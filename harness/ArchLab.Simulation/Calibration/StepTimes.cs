using System.Diagnostics;
using ArchLab.Contracts.Ledger;
using ArchLab.Contracts.Messages;

namespace ArchLab.Simulation.Calibration;

/// <summary>What a step's ledger says of its executions: the service each took, the hop before it, and the hold after it.</summary>
public static class StepTimes
{
    /// <summary>
    /// A step's service times and its hop, where the ledger records what each execution took: the service is that
    /// time, and the hop (the request's or the message's way from the previous step's effect to the step, which no
    /// worker spends) is the gap minus the service of the orders that found no execution of the step under way when the
    /// previous step's effect was written, so none of them queued. The hop is a distribution, not a constant: on
    /// loopback its median lies a few tenths of a millisecond above its tenth percentile, and a chain of three steps
    /// adds that up. Fewer than <see cref="LedgerCalibration.MinIdleOrders"/> such orders (a saturated step) leave the tenth percentile
    /// of gap minus service as the one hop. Ledgers written without service times give the gaps as the service and no
    /// hop: queueing then counts as service, and a station at utilisation 0.5 calibrated so is simulated at 1.
    /// </summary>
    /// <param name="Idle">Whether the hop is that of orders that found the step idle; false: a constant, every order's
    /// gap less its service at the 10th percentile, which still holds a queue's wait where every order queued.</param>
    internal static (List<double> Service, Dictionary<OrderId, double>? Hop, bool Idle) ServiceAndHop(
        List<(OrderId Id, double Seconds)> gaps, Dictionary<OrderId, double> service, Dictionary<OrderId, long> before, List<LedgerRecord> executions)
    {
        var timed = gaps.Where(g => service.ContainsKey(g.Id)).ToList();
        if (timed.Count < gaps.Count / 2 || timed.Count == 0)
        {
            return (gaps.Select(g => g.Seconds).ToList(), null, false);
        }

        var busy = Executions.Busy.Of(executions);
        var hops = timed.Where(g => !busy.At(before[g.Id])).ToDictionary(g => g.Id, g => Math.Max(0, g.Seconds - service[g.Id]));
        var idle = hops.Count >= LedgerCalibration.MinIdleOrders;
        if (!idle)
        {
            // Every order takes the one hop.
            var sorted = timed.Select(g => Math.Max(0, g.Seconds - service[g.Id])).Order().ToList();
            hops = timed.ToDictionary(g => g.Id, _ => sorted[sorted.Count / 10]);
        }

        return (timed.Select(g => service[g.Id]).ToList(), hops, idle);
    }

    /// <summary>
    /// The hop before each step. A step no order found idle (a consumer slower than the arrivals, its backlog growing
    /// all run: durability's payment) shows no hop of its own, only hops with a queue's wait in them: at the 10th
    /// percentile 0.35 s, which the simulator's own queue then waited again, and its backlog started 20 orders above
    /// the measured one. Its orders travel the same way as the other steps' (the same stream and consumer client, or
    /// the same HTTP client), so it takes the hops of the steps that were found idle, where there are any.
    /// </summary>
    internal static IEnumerable<(string Role, Dictionary<OrderId, double> Hop)> HopsOfBusySteps(
        List<(string Role, Dictionary<OrderId, double> Hop, bool Idle)> hops)
    {
        var idle = hops.Where(h => h.Idle).SelectMany(h => h.Hop.Values).Order().ToList();
        foreach (var (role, hop, wasIdle) in hops)
        {
            yield return (role, wasIdle || idle.Count == 0 ? hop : hop.ToDictionary(h => h.Key, _ => idle[idle.Count / 2]));
        }
    }

    /// <summary>
    /// How long a worker of the step stays busy after an effect before it begins its next execution, where work was
    /// waiting for it: the median, over effects, of the time to the next execution that began after it, counted only
    /// where that execution's order had reached the step's stream or caller at least <see cref="WaitingAtLeast"/>
    /// before (it was waiting, not on its way). Durability's payment, one worker always busy: 1.1 to 2.3 ms between one
    /// effect and the next execution (the handler publishing the next event and acknowledging), so it served 70
    /// orders/s where 13 ms alone would serve 77. Null where fewer than <see cref="LedgerCalibration.MinIdleOrders"/> such effects.
    /// </summary>
    public static double? Hold(IReadOnlyList<LedgerRecord> executions, IReadOnlyDictionary<OrderId, long> previousEffects)
    {
        var timed = executions.Where(r => r.ServiceMicros != LedgerRecord.None && !StepCodes.IsFailedAttempt(r.Step)).ToList();
        var samples = new List<double>();
        foreach (var process in timed.GroupBy(r => r.Pid))
        {
            var began = process.Select(r => (Began: Executions.Began(r), r.Id)).OrderBy(b => b.Began).ToArray();
            var starts = began.Select(b => b.Began).ToArray();
            foreach (var effect in process)
            {
                var next = Array.BinarySearch(starts, effect.Timestamp);
                next = next < 0 ? ~next : next;
                if (next < began.Length && previousEffects.TryGetValue(began[next].Id, out var arrived)
                    && arrived <= effect.Timestamp - WaitingAtLeast)
                {
                    samples.Add((began[next].Began - effect.Timestamp) / (double)Stopwatch.Frequency);
                }
            }
        }

        return samples.Count < LedgerCalibration.MinIdleOrders ? null : samples.Order().ElementAt(samples.Count / 2);
    }

    private static readonly long WaitingAtLeast = Stopwatch.Frequency / 100;

    /// <summary>What each first attempt of the given orders took, in seconds, where the record says.</summary>
    internal static Dictionary<OrderId, double> MeasuredService(List<LedgerRecord> records, HashSet<OrderId> orders)
    {
        var service = new Dictionary<OrderId, double>();
        foreach (var record in records)
        {
            if (record.Attempt == 1 && !StepCodes.IsFailedAttempt(record.Step) && record.ServiceMicros != LedgerRecord.None && orders.Contains(record.Id))
            {
                service.TryAdd(record.Id, record.ServiceMicros / 1e6);
            }
        }

        return service;
    }
}
