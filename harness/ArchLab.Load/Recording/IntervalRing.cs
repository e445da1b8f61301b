namespace ArchLab.Load.Recording;

/// <summary>
/// The measured latencies, by the interval the answer came: a few latency sets used in turn, set
/// <c>interval % Size</c> for answers of that interval. The sampler closes an interval a little after it ends, taking
/// its set's histograms, so the per-interval figures and the <c>.hlog</c> intervals follow the answers' timestamps
/// (like the timeline's counts) however late the sampler thread wakes, and the set is free again long before its next
/// turn. An answer recorded more than <see cref="Size"/> - 1 intervals after its timestamp would land in a later
/// interval; it is never lost.
/// </summary>
internal sealed class IntervalRing
{
    private readonly LatencySet[] _sets;

    // The histograms each set last gave out, handed back to it at its next take (a set only takes back its own).
    private readonly LatencyHistograms?[] _taken;

    /// <param name="intervalSec">Length of an interval: the ring spans at least a second (and four intervals), so a
    /// short interval does not shorten the time an answer may take to be recorded.</param>
    /// <param name="sentAtIntended">The closed model; see <see cref="LatencySet"/>.</param>
    public IntervalRing(double intervalSec, bool sentAtIntended)
    {
        Size = Math.Max(4, (int)Math.Ceiling(1 / intervalSec));
        _sets = [.. Enumerable.Range(0, Size).Select(_ => new LatencySet(sentAtIntended))];
        _taken = new LatencyHistograms?[Size];
    }

    public int Size { get; }

    public void Record(int interval, bool accepted, long correctedUs, long uncorrectedUs, long sendDelayUs) =>
        _sets[interval % Size].Record(accepted, correctedUs, uncorrectedUs, sendDelayUs);

    public void RecordCounts(int interval, ReadOnlySpan<long> latencyCounts, long accepted) =>
        _sets[interval % Size].RecordCounts(latencyCounts, accepted);

    /// <summary>The interval's accept, accept-uncorrected and send-delay histograms; valid until the same set is
    /// taken again, <see cref="Size"/> intervals later. One caller at a time.</summary>
    public LatencyHistograms Take(int interval)
    {
        var slot = interval % Size;
        return _taken[slot] = _sets[slot].Take(_taken[slot]);
    }
}
