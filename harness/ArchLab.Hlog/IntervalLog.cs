using HdrHistogram;

namespace ArchLab.Hlog;

/// <summary>An interval log as read: its start time, when it names one, and its intervals in the order written,
/// each stamped with its absolute start and end (<c>StartTimeStamp</c>, <c>EndTimeStamp</c>, Unix milliseconds).</summary>
public sealed record IntervalLog(DateTimeOffset? StartTime, IReadOnlyList<HistogramBase> Intervals);
