using HdrHistogram;

namespace ArchLab.Load.Recording;

/// <summary>
/// Latency histograms in microseconds. Accept is corrected (from the intended send time, as wrk2 does);
/// AcceptUncorrected is from the actual send; SendDelay is actual minus intended send, for every sent request.
/// </summary>
public sealed record LatencyHistograms(HistogramBase Accept, HistogramBase AcceptUncorrected, HistogramBase SendDelay);
