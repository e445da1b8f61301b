using ArchLab.Harness.Model.Results;
using ArchLab.Load.Recording;
using Summaries = ArchLab.Harness.Model.Semantics.Latency;

namespace ArchLab.Load.Engine;

/// <summary>
/// What a run measured. Every figure is of the measured window only (requests intended at or after its start);
/// the warm-up's counts and latencies are kept apart in <see cref="WarmupCounts"/> and <see cref="WarmupLatency"/>.
/// </summary>
/// <param name="Counts">Offered == Sent + DroppedByGenerator; Sent == Accepted + Errors.</param>
/// <param name="ErrorsByKind">timeout, refused, failed, status_NNN, no_responders, request_timeout, and dropped (which is not among Errors);
/// kinds that never happened are absent.</param>
/// <param name="Latency">Total histograms of the measured window, microseconds.</param>
/// <param name="Timeline">Per interval of the measured window, then of the tail until the last answer.</param>
/// <param name="Interval">Length of the timeline's intervals.</param>
/// <param name="MeasureStartTimestamp">Stopwatch ticks of the intended start of the measured window, on the clock
/// of the caller log.</param>
/// <param name="MeasuredDuration">Length of the measured window (rates are counts over it).</param>
/// <param name="Files">Files written; null paths when there was no output directory.</param>
public sealed record LoadReport(
    LoadCounts Counts,
    IReadOnlyDictionary<string, long> ErrorsByKind,
    LatencyHistograms Latency,
    IReadOnlyList<TimelineInterval> Timeline,
    long MeasureStartTimestamp,
    TimeSpan MeasuredDuration,
    LoadFiles Files,
    LoadCounts WarmupCounts,
    LatencyHistograms WarmupLatency,
    TimeSpan Interval)
{
    /// <summary>Open model: the requests the rate profile asks for in the measured window; null for the closed model.</summary>
    public double? IntendedOffered { get; init; }

    /// <summary>Open model: requests of the measured window the engine itself reached more than a second late (it could not keep up).</summary>
    public long Behind { get; init; }

    public double OfferedPerSec => Counts.Offered / MeasuredDuration.TotalSeconds;

    public double AcceptedPerSec => Counts.Accepted / MeasuredDuration.TotalSeconds;

    /// <summary>Accept latency (corrected) in milliseconds; null when nothing was accepted.</summary>
    public LatencySummary? Accept => Summaries.Summarise(Latency.Accept);

    public LatencySummary? AcceptUncorrected => Summaries.Summarise(Latency.AcceptUncorrected);

    public LatencySummary? SendDelay => Summaries.Summarise(Latency.SendDelay);
}
