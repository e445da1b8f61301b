using ArchLab.Load.Recording;

namespace ArchLab.Load.Engine;

/// <summary>
/// What a run measured. Every figure is of the measured window only (requests intended at or after its start);
/// the warm-up's counts and latencies are kept apart in <see cref="WarmupCounts"/> and <see cref="WarmupLatency"/>.
/// </summary>
/// <param name="Counts">Offered == Sent + DroppedByGenerator; Sent == Accepted + Errors.</param>
/// <param name="ErrorsByKind">timeout, refused, failed, status_NNN, no_responders, request_timeout, and dropped (which is not among Errors);
/// kinds that never happened are absent.</param>
/// <param name="Latency">Total histograms of the measured window, microseconds.</param>
/// <param name="Timeline">Per second of the measured window, then of the tail until the last answer.</param>
/// <param name="MeasureStartTimestamp">Stopwatch ticks of the intended start of the measured window, on the clock
/// of the caller log.</param>
/// <param name="MeasuredDuration">Length of the measured window (rates are counts over it).</param>
/// <param name="Files">Files written; null paths when there was no output directory.</param>
public sealed record LoadReport(
    LoadCounts Counts,
    IReadOnlyDictionary<string, long> ErrorsByKind,
    LatencyHistograms Latency,
    IReadOnlyList<TimelineSecond> Timeline,
    long MeasureStartTimestamp,
    TimeSpan MeasuredDuration,
    LoadFiles Files,
    LoadCounts WarmupCounts,
    LatencyHistograms WarmupLatency)
{
    public double OfferedPerSec => Counts.Offered / MeasuredDuration.TotalSeconds;

    public double AcceptedPerSec => Counts.Accepted / MeasuredDuration.TotalSeconds;

    /// <summary>Accept latency (corrected) in milliseconds; null when nothing was accepted.</summary>
    public HistogramSummary? Accept => HistogramSummary.Summarise(Latency.Accept);

    public HistogramSummary? AcceptUncorrected => HistogramSummary.Summarise(Latency.AcceptUncorrected);

    public HistogramSummary? SendDelay => HistogramSummary.Summarise(Latency.SendDelay);
}
