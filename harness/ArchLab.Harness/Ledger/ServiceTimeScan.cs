using ArchLab.Contracts.Ledger;
using ArchLab.Contracts.Workflow;
using ArchLab.Harness.Model.Results;
using HdrHistogram;

namespace ArchLab.Harness.Ledger;

/// <summary>
/// Reads every execution's service time back from an arm's ledgers and holds it to what the scenario configured:
/// the table that says whether the steps took the time the scenario says. Every execution of the arm counts
/// (priming and warm-up too): the service time is the step's, whichever order it served.
/// </summary>
public static class ServiceTimeScan
{
    /// <param name="ledgers">The arm's ledger file of each step code.</param>
    /// <param name="costOf">The cost of a role in this arm.</param>
    public static IReadOnlyList<StepServiceTime> Read(IReadOnlyDictionary<ushort, string> ledgers, Func<string, StepCost> costOf)
    {
        ArgumentNullException.ThrowIfNull(ledgers);
        ArgumentNullException.ThrowIfNull(costOf);
        var steps = new SortedDictionary<ushort, Accumulator>();
        foreach (var (code, path) in ledgers)
        {
            var step = StepCodes.IsReceiver(code) ? StepCodes.Notify : code;
            var cost = costOf(StepCodes.NameOf(step));
            if (cost.Time.Mean <= TimeSpan.Zero && cost.Tail is not { Probability: > 0 })
            {
                continue; // a free step: nothing to hold its time to
            }

            if (!steps.TryGetValue(step, out var accumulator))
            {
                steps[step] = accumulator = new Accumulator(StepCodes.NameOf(step), cost);
            }

            foreach (var record in new LedgerReader(path).Read())
            {
                accumulator.Add(record);
            }
        }

        return steps.Values.Where(a => a.Count > 0).Select(a => a.Figures()).ToList();
    }

    /// <summary>The note an arm carries when a step's time strayed past <see cref="StepServiceTime.NoteAbove"/>; none otherwise.</summary>
    public static IEnumerable<string> Notes(IReadOnlyList<StepServiceTime>? times)
    {
        foreach (var t in times ?? [])
        {
            var mean = t.MeanDeviation is { } m && Math.Abs(m) > StepServiceTime.NoteAbove;
            var p99 = t.P99Deviation is { } p && Math.Abs(p) > StepServiceTime.NoteAbove;
            if (mean || p99)
            {
                yield return string.Create(System.Globalization.CultureInfo.InvariantCulture,
                    $"{t.Step}'s service time strayed from what it drew: mean {t.Measured.Mean:0.###} ms against {t.DrawnMeanMs:0.###} ms ({t.MeanDeviation:+0.#%;-0.#%}), p99 {t.Measured.P99:0.###} ms against {t.DrawnP99Ms:0.###} ms ({t.P99Deviation:+0.#%;-0.#%}); this machine did not keep the scenario's {t.Configured}, and every latency of this arm carries it");
            }
        }
    }

    private sealed class Accumulator(string step, StepCost cost)
    {
        private const long MaxMicros = 3_600_000_000;
        private readonly LongHistogram _drawn = new(MaxMicros, 3);
        private readonly LongHistogram _measured = new(MaxMicros, 3);
        private double _drawnSum;
        private double _measuredSum;

        public long Count => _measured.TotalCount;

        public void Add(LedgerRecord record)
        {
            if (record.ServiceMicros == LedgerRecord.None || record.PlannedMicros == LedgerRecord.None)
            {
                return;
            }

            _drawn.RecordValue(Math.Min(record.PlannedMicros, MaxMicros));
            _measured.RecordValue(Math.Min(record.ServiceMicros, MaxMicros));
            _drawnSum += record.PlannedMicros;
            _measuredSum += record.ServiceMicros;
        }

        public StepServiceTime Figures()
        {
            var drawnMean = _drawnSum / Count / 1000;
            var drawnP99 = _drawn.GetValueAtPercentile(99) / 1000.0;
            var measuredMean = _measuredSum / Count / 1000;
            var measuredP99 = _measured.GetValueAtPercentile(99) / 1000.0;
            var measured = new LatencySummary(Count, Round(measuredMean), Ms(_measured, 50), Ms(_measured, 90), Round(measuredP99), Ms(_measured, 99.9),
                Round(_measured.GetMaxValue() / 1000.0));
            return new StepServiceTime(
                step,
                cost.Tail is { Probability: > 0 } tail ? $"{cost.Time} + {tail.Probability:0.###%} x {Durations.Format(tail.Extra)}" : cost.Time.ToString(),
                cost.Mode == CostMode.Cpu ? "cpu" : "wait",
                Round(ServiceTimeShape.Mean(cost.Time, cost.Tail).TotalMilliseconds),
                Round(ServiceTimeShape.Percentile(cost.Time, 50, cost.Tail).TotalMilliseconds),
                Round(ServiceTimeShape.Percentile(cost.Time, 99, cost.Tail).TotalMilliseconds),
                Round(drawnMean),
                Round(drawnP99),
                measured,
                drawnMean > 0 ? Math.Round(measuredMean / drawnMean - 1, 4) : null,
                drawnP99 > 0 ? Math.Round(measuredP99 / drawnP99 - 1, 4) : null);
        }

        private static double Ms(HistogramBase h, double percentile) => Round(h.GetValueAtPercentile(percentile) / 1000.0);

        private static double Round(double value) => Math.Round(value, 3);
    }
}
