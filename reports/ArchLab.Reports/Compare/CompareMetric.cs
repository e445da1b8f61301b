using ArchLab.Harness.Model.Results;

namespace ArchLab.Reports.Compare;

/// <summary>Which way a metric is better.</summary>
public enum Better
{
    Lower,
    Higher,
}

/// <summary>
/// One metric of an arm as <c>archlab compare</c> reads it, with the band of change that counts as noise: a change
/// of at most <paramref name="RelativeNoise"/> of A, or <paramref name="AbsoluteNoise"/> in the metric's unit,
/// whichever is larger. Exact counts of correctness (lost, duplicated) have no band: any change is a change.
/// </summary>
public sealed record CompareMetric(string Name, string Unit, Func<ArmResult, double?> Read, Better Better, double RelativeNoise, double AbsoluteNoise)
{
    /// <summary>The metrics compared, in the order shown. The bands reflect run-to-run spread on a shared two-core
    /// machine: the tail of a latency distribution moves more than its median, per-second figures move by a second.</summary>
    public static IReadOnlyList<CompareMetric> All { get; } =
    [
        new("accept.p50", "ms", a => a.LatencyMs.Accept?.P50, Better.Lower, 0.10, 0.2),
        new("accept.p99", "ms", a => a.LatencyMs.Accept?.P99, Better.Lower, 0.20, 0.5),
        new("completion.p50", "ms", a => a.LatencyMs.Completion?.P50, Better.Lower, 0.10, 0.2),
        new("completion.p99", "ms", a => a.LatencyMs.Completion?.P99, Better.Lower, 0.20, 0.5),
        new("completedPerSec", "/s", a => a.Throughput.CompletedPerSec, Better.Higher, 0.05, 0.5),
        new("acceptedPerSec", "/s", a => a.Throughput.AcceptedPerSec, Better.Higher, 0.05, 0.5),
        new("errors", "", a => a.Counts.Errors, Better.Lower, 0.10, 1),
        new("lost", "", a => a.Delivery?.Lost, Better.Lower, 0, 0),
        new("duplicated", "", a => a.Delivery?.Duplicated, Better.Lower, 0, 0),
        new("expired", "", a => a.Delivery?.Expired, Better.Lower, 0.10, 1),
        new("deadLettered", "", a => a.Delivery?.DeadLettered, Better.Lower, 0.10, 1),
        new("timeToRecoverSec", "s", a => a.Recovery.TimeToRecoverSec, Better.Lower, 0.20, 1),
        new("drainSec", "s", a => a.Recovery.DrainSec, Better.Lower, 0.20, 1),
        new("peakBacklog", "", a => a.Recovery.PeakBacklog, Better.Lower, 0.20, 10),
        new("retryAmplification", "x", a => a.RetryAmplification, Better.Lower, 0.05, 0.01),
    ];

    public double NoiseFor(double a) => Math.Max(Math.Abs(a) * RelativeNoise, AbsoluteNoise);
}
