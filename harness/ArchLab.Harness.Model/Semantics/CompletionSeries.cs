using HdrHistogram;

namespace ArchLab.Harness.Model.Semantics;

/// <summary>One interval of completions: how many, and the p99 of their completion latency in ms.</summary>
public sealed record CompletionInterval(long Completed, double? P99Ms);

/// <summary>
/// Completions by the interval they happened in, with their p99. Samples are kept as (interval, value) pairs and
/// sorted once at the end, so only one interval histogram exists at a time whatever the length of the run.
/// </summary>
public sealed class CompletionSeries(TimelineGrid grid)
{
    private readonly List<(int Index, long Micros)> _samples = [];

    /// <summary>Seconds from the measured start to the last completion (0 if none).</summary>
    public double LastSec { get; private set; }

    public void Add(double completedSec, long micros)
    {
        LastSec = Math.Max(LastSec, completedSec);
        _samples.Add((Math.Max(0, grid.IndexOf(completedSec)), micros));
    }

    /// <summary>The intervals from 0 to the last with a completion; each non-empty interval's histogram is handed to
    /// <paramref name="eachInterval"/> (valid only during the call), e.g. for a <c>.hlog</c> file.</summary>
    public IReadOnlyList<CompletionInterval> Build(Action<int, HistogramBase>? eachInterval = null)
    {
        _samples.Sort((a, b) => a.Index.CompareTo(b.Index));
        var intervals = new List<CompletionInterval>();
        var histogram = Latency.NewHistogram();
        for (var i = 0; i < _samples.Count;)
        {
            var index = _samples[i].Index;
            histogram.Reset();
            for (; i < _samples.Count && _samples[i].Index == index; i++)
            {
                histogram.RecordValue(_samples[i].Micros);
            }

            while (intervals.Count < index)
            {
                intervals.Add(new CompletionInterval(0, null));
            }

            intervals.Add(new CompletionInterval(histogram.TotalCount, Latency.P99Ms(histogram)));
            eachInterval?.Invoke(index, histogram);
        }

        return intervals;
    }
}
