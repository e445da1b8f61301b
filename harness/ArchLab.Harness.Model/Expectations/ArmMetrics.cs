using ArchLab.Contracts.Workflow;
using ArchLab.Harness.Model.Results;

namespace ArchLab.Harness.Model.Expectations;

/// <summary>An arm's results by the names of <see cref="MetricNames"/>: what expectations and summaries read.</summary>
public sealed class ArmMetrics(ArmResult arm) : IArmMetrics
{
    /// <summary>The name the harness itself has among an arm's processes.</summary>
    public const string HarnessProcess = "harness";

    // What an arm that sent nothing can still be judged on: what it was asked to send, and what its processes cost.
    private static readonly HashSet<string> KnownWithoutLoad =
        ["offered", "sent", "dropped", "offeredPerSec", "cpuSec", "peakRssMb", "harnessRssMb", "receivers", "senderEndpoints",
            .. MetricNames.MovingParts.Where(m => m != "failureClasses")];

    private List<ProcessResources> Services => arm.Resources.Where(r => r.Process != HarnessProcess).ToList();

    /// <summary>
    /// The metric's value; null when it does not apply to the arm, or when it would describe requests and the arm
    /// sent none: "nothing was lost" of nothing sent is no data, not a pass.
    /// </summary>
    public double? Value(string metric)
    {
        ArgumentNullException.ThrowIfNull(metric);
        if (arm.Counts.Sent == 0 && !KnownWithoutLoad.Contains(metric) && !metric.StartsWith("theory.", StringComparison.Ordinal))
        {
            return null;
        }

        var dot = metric.IndexOf('.', StringComparison.Ordinal);
        if (metric.StartsWith("theory.", StringComparison.Ordinal))
        {
            return metric switch
            {
                "theory.mean" => arm.Theory?.MeanMs,
                "theory.p50" => arm.Theory?.P50Ms,
                "theory.p90" => arm.Theory?.P90Ms,
                "theory.p99" => arm.Theory?.P99Ms,
                _ => throw new ArgumentOutOfRangeException(nameof(metric), metric, "not a metric name"),
            };
        }

        if (dot > 0)
        {
            return Latency(metric[..dot]) is { } summary ? Stat(summary, metric[(dot + 1)..]) : null;
        }

        var counts = arm.Counts;
        var delivery = arm.Delivery;
        return metric switch
        {
            "offered" => counts.Offered,
            "sent" => counts.Sent,
            "accepted" => counts.Accepted,
            "completed" => counts.Completed,
            "errors" => counts.Errors,
            "dropped" => counts.DroppedByGenerator,
            "offeredPerSec" => arm.Throughput.OfferedPerSec,
            "acceptedPerSec" => arm.Throughput.AcceptedPerSec,
            "completedPerSec" => arm.Throughput.CompletedPerSec,
            "lost" => delivery?.Lost,
            "duplicated" => delivery?.Duplicated,
            "unexpected" => delivery?.Unexpected,
            "recovered" => delivery?.Recovered,
            "expired" => delivery?.Expired,
            "deadLettered" => delivery?.DeadLettered,
            "pending" => delivery?.Pending,
            "lostAtFirstPowerLoss" => arm.Faults.FirstOrDefault(f => f.PowerLoss is not null)?.PowerLoss!.LostOrders,
            "lostAtLastPowerLoss" => arm.Faults.LastOrDefault(f => f.PowerLoss is not null)?.PowerLoss!.LostOrders,
            "timeToRecoverSec" => arm.Recovery.TimeToRecoverSec,
            "drainSec" => arm.Recovery.DrainSec,
            "peakBacklog" => arm.Recovery.PeakBacklog,
            "retryAmplification" => arm.RetryAmplification,
            "errorRate" => counts.Offered == 0 ? null : (double)(counts.Errors + counts.DroppedByGenerator) / counts.Offered,
            "cpuSec" => Services.Count == 0 ? null : Services.Sum(r => r.CpuSec),
            "cpuMsPerOrder" => arm.CpuMsPerOrder,
            "peakRssMb" => Services.Count == 0 ? null : Services.Max(r => r.PeakRssMb),
            "harnessRssMb" => arm.Resources.FirstOrDefault(r => r.Process == HarnessProcess)?.PeakRssMb,
            "receivers" => arm.FanOut?.Receivers,
            "senderEndpoints" => arm.FanOut?.SenderEndpoints,
            "edgeCpuMsPerRequest" => arm.FanOut?.EdgeCpuMsPerRequest,
            "acceptSlowFraction" => arm.FanOut?.AcceptSlowFraction,
            "completionSlowFraction" => arm.FanOut?.CompletionSlowFraction,
            "expectedSlowFraction" => arm.FanOut?.ExpectedSlowFraction,
            "processes" => arm.MovingParts?.Processes,
            "listeningPorts" => arm.MovingParts?.ListeningPorts,
            "streams" => Broker(p => p.Streams),
            "consumers" => Broker(p => p.Consumers),
            "subjects" => Broker(p => p.Subjects),
            "configKeys" => arm.MovingParts?.ConfigKeys,
            "codeLines" => arm.MovingParts?.CodeLines,
            "staleShare" => arm.Consistency?.StaleShare,
            "staleReads" => arm.Consistency?.StaleReads,
            "staleWindowP50" => arm.Consistency?.WindowMs?.P50,
            "staleWindowP99" => arm.Consistency?.WindowMs?.P99,
            "deviceDelayP50" => arm.Devices?.DelayMs?.P50,
            "deviceDelayP99" => arm.Devices?.DelayMs?.P99,
            "deviceMissed" => arm.Devices?.Missed,
            "deviceDuplicates" => arm.Devices?.Duplicates,
            "requestsPerUpdate" => arm.Devices?.RequestsPerUpdate,
            "traceComplete" => arm.Tracing?.CompleteShare,
            "spansPerOrder" => arm.Tracing?.SpansPerOrder,
            "stepGapP50" => arm.Tracing?.StepGapMs?.P50,
            "stepGapP99" => arm.Tracing?.StepGapMs?.P99,
            // From the arm's own books, so that a simulated arm has them too.
            "failureClasses" => MovingParts.ClassesOf(delivery, arm.ErrorsByKind).Count,
            _ => throw new ArgumentOutOfRangeException(nameof(metric), metric, "not a metric name"),
        };
    }

    /// <summary>A broker figure: 0 for a style without a broker, null where the broker's objects could not be read.</summary>
    private double? Broker(Func<BrokerObjects, int> figure) => arm.MovingParts is not { } parts ? null
        : parts.Broker is { } objects ? figure(objects)
        : Styles.NeedsBroker(arm.Style) || Styles.NeedsRabbit(arm.Style) ? null : 0;

    private LatencySummary? Latency(string family) => family switch
    {
        "accept" => arm.LatencyMs.Accept,
        "acceptUncorrected" => arm.LatencyMs.AcceptUncorrected,
        "completion" => arm.LatencyMs.Completion,
        "sendDelay" => arm.LatencyMs.SendDelay,
        _ => throw new ArgumentOutOfRangeException(nameof(family), family, "not a latency family"),
    };

    private static double Stat(LatencySummary summary, string stat) => stat switch
    {
        "count" => summary.Count,
        "mean" => summary.Mean,
        "p50" => summary.P50,
        "p90" => summary.P90,
        "p99" => summary.P99,
        "p999" => summary.P999,
        "max" => summary.Max,
        _ => throw new ArgumentOutOfRangeException(nameof(stat), stat, "not a latency statistic"),
    };
}
