namespace ArchLab.Load.Recording;

/// <summary>
/// The measured latencies, by the second the answer came: a few latency sets used in turn, set
/// <c>second % Size</c> for answers of that second. The sampler closes a second a little after it ends, taking its
/// set's histograms, so the per-second figures and the <c>.hlog</c> intervals follow the answers' timestamps (like
/// the timeline's counts) however late the sampler thread wakes, and the set is free again long before its next turn.
/// An answer recorded more than <see cref="Size"/> - 1 seconds after its timestamp would land in a later second; it
/// is never lost.
/// </summary>
/// <param name="sentAtIntended">The closed model; see <see cref="LatencySet"/>.</param>
internal sealed class SecondRing(bool sentAtIntended)
{
    public const int Size = 4;

    private readonly LatencySet[] _sets = [new(sentAtIntended), new(sentAtIntended), new(sentAtIntended), new(sentAtIntended)];

    // The histograms each set last gave out, handed back to it at its next take (a set only takes back its own).
    private readonly LatencyHistograms?[] _taken = new LatencyHistograms?[Size];

    public void Record(int second, bool accepted, long correctedUs, long uncorrectedUs, long sendDelayUs) =>
        _sets[second % Size].Record(accepted, correctedUs, uncorrectedUs, sendDelayUs);

    /// <summary>The second's accept, accept-uncorrected and send-delay histograms; valid until the same set is
    /// taken again, <see cref="Size"/> seconds later. One caller at a time.</summary>
    public LatencyHistograms Take(int second)
    {
        var slot = second % Size;
        return _taken[slot] = _sets[slot].Take(_taken[slot]);
    }
}
