namespace ArchLab.Harness.Model.Expectations;

/// <summary>
/// The one vocabulary of metric names, the same for every style: expectations, the summary table,
/// CSV columns and charts all use these. Latencies are in milliseconds.
/// </summary>
public static class MetricNames
{
    /// <summary>Latency families; each has the statistics in <see cref="LatencyStats"/> (<c>accept.p99</c>).</summary>
    public static IReadOnlyList<string> Latencies { get; } = ["accept", "acceptUncorrected", "completion", "sendDelay"];

    /// <summary>Statistics of a latency family.</summary>
    public static IReadOnlyList<string> LatencyStats { get; } = ["count", "mean", "p50", "p90", "p99", "p999", "max"];

    /// <summary>Counts of the arm's requests.</summary>
    public static IReadOnlyList<string> Counts { get; } = ["offered", "sent", "accepted", "completed", "errors", "dropped"];

    /// <summary>Rates over the measured window.</summary>
    public static IReadOnlyList<string> Throughput { get; } = ["offeredPerSec", "acceptedPerSec", "completedPerSec"];

    /// <summary>Delivery classes of the ledger check.</summary>
    public static IReadOnlyList<string> Delivery { get; } =
        ["lost", "duplicated", "unexpected", "recovered", "expired", "deadLettered", "pending"];

    /// <summary>
    /// Lost orders each power loss took (results' <c>faults[].powerLoss.lostOrders</c>), for the first and the last
    /// power-loss window of the timeline, so a scenario with two (one node, then every node) can state both; null
    /// without a power loss or a ledger.
    /// </summary>
    public static IReadOnlyList<string> Durability { get; } = ["lostAtFirstPowerLoss", "lostAtLastPowerLoss"];

    /// <summary>Recovery figures (null where the arm had no fault).</summary>
    public static IReadOnlyList<string> Recovery { get; } = ["timeToRecoverSec", "drainSec", "peakBacklog", "retryAmplification"];

    /// <summary>Derived figures: <c>errorRate</c> is (errors + dropped) / offered; <c>cpuSec</c> and <c>peakRssMb</c> sum and
    /// max over the arm's service and broker processes; <c>harnessRssMb</c> is the harness's own peak.</summary>
    /// <c>cpuMsPerOrder</c> is the role processes' CPU over the measured window per order sent in it.</summary>
    public static IReadOnlyList<string> Derived { get; } = ["errorRate", "cpuSec", "cpuMsPerOrder", "peakRssMb", "harnessRssMb"];

    /// <summary>
    /// What an arm needed running and configured (results' <c>movingParts</c>): processes, the TCP ports they listened
    /// on, the broker's streams, consumers and subjects (0 without a broker), settings, lines of the style's code, and
    /// how many failure classes the run saw (from the arm's delivery classes and errors, so a simulated arm has it too).
    /// </summary>
    public static IReadOnlyList<string> MovingParts { get; } =
        ["processes", "listeningPorts", "streams", "consumers", "subjects", "configKeys", "codeLines", "failureClasses"];

    /// <summary>
    /// What the traces of an arm whose roles trace show (results' <c>tracing</c>): the share of accepted orders whose
    /// trace is one tree from the caller through every step, spans per order, and the p50 and p99 of the gap between
    /// one step's span and the next's, in ms.
    /// </summary>
    public static IReadOnlyList<string> Tracing { get; } = ["traceComplete", "spansPerOrder", "stepGapP50", "stepGapP99"];

    /// <summary>
    /// What the caller saw reading its orders back (results' <c>consistency</c>): the share and the count of reads that
    /// found an order not yet completed, and the p50 and p99 of how long after the caller's answer the read model
    /// showed the order completed, in ms.
    /// </summary>
    public static IReadOnlyList<string> Consistency { get; } = ["staleShare", "staleReads", "staleWindowP50", "staleWindowP99"];

    /// <summary>
    /// What the arm's browser pages saw (results' <c>devices</c>): the p50 and p99 of the delay from the notify step's
    /// effect to the page showing the order, in ms; the updates never shown and those shown twice; and the requests the
    /// pages sent per update shown.
    /// </summary>
    public static IReadOnlyList<string> Devices { get; } = ["deviceDelayP50", "deviceDelayP99", "deviceMissed", "deviceDuplicates", "requestsPerUpdate"];

    /// <summary>
    /// What the services' and the harness's processes spent, were and traced: only a measured run has processes to
    /// read and spans to count.
    /// </summary>
    public static IReadOnlyList<string> ProcessFigures { get; } =
        ["cpuSec", "cpuMsPerOrder", "peakRssMb", "harnessRssMb", "edgeCpuMsPerRequest", .. MovingParts.Where(m => m != "failureClasses"), .. Tracing,
         // A browser's: the simulator has no pages, and the figures are the browser's timers, client and reconnects.
         .. Devices];

    /// <summary>
    /// The fan-out to the receivers: how many, the receiver endpoints the sender is configured with, the edge's CPU
    /// milliseconds per request, and the share of slow requests behind receivers with a slow tail (measured at the
    /// caller, at completion, and 1 - (1 - p)^N as theory says).
    /// </summary>
    public static IReadOnlyList<string> FanOut { get; } =
        ["receivers", "senderEndpoints", "edgeCpuMsPerRequest", "acceptSlowFraction", "completionSlowFraction", "expectedSlowFraction"];

    /// <summary>
    /// What queueing theory predicts for the completion latency of an arm that is one station under Poisson load
    /// (M/M/c, M/D/1, M/G/1, M/G/∞), in ms; null for any other arm, and the percentiles null where the model has none.
    /// </summary>
    public static IReadOnlyList<string> Theory { get; } = ["theory.mean", "theory.p50", "theory.p90", "theory.p99"];

    /// <summary>Every metric name an expectation may use, in the order of the families above.</summary>
    public static IReadOnlyList<string> Ordered { get; } = BuildOrdered();

    /// <summary>Every metric name an expectation may use.</summary>
    public static IReadOnlySet<string> All { get; } = new HashSet<string>(Ordered, StringComparer.Ordinal);

    public static bool IsKnown(string name) => All.Contains(name);

    private static List<string> BuildOrdered()
    {
        var names = new List<string>();
        foreach (var family in Latencies)
        {
            foreach (var stat in LatencyStats)
            {
                names.Add($"{family}.{stat}");
            }
        }

        names.AddRange(Counts);
        names.AddRange(Throughput);
        names.AddRange(Delivery);
        names.AddRange(Durability);
        names.AddRange(Recovery);
        names.AddRange(Derived);
        names.AddRange(FanOut);
        names.AddRange(MovingParts);
        names.AddRange(Tracing);
        names.AddRange(Consistency);
        names.AddRange(Devices);
        names.AddRange(Theory);
        return names;
    }
}
