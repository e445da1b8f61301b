using HdrHistogram;

namespace ArchLab.Load.Recording;

/// <summary>
/// The measured latencies, by the second the answer came: a few interval recorders used in turn, recorder
/// <c>second % Size</c> for answers of that second. The sampler closes a second a little after it ends, taking a
/// stable interval histogram from its recorder, so the per-second figures and the <c>.hlog</c> intervals follow the
/// answers' timestamps (like the timeline's counts) however late the sampler thread wakes, and the recorder is free
/// again long before its next turn. An answer recorded more than <see cref="Size"/> - 1 seconds after its
/// timestamp would land in a later second; it is never lost.
/// </summary>
internal sealed class SecondRing
{
    public const int Size = 4;

    private readonly LatencyRecorders[] _recorders = [new(), new(), new(), new()];

    // Recycled interval histograms, per recorder (a recorder only takes back its own).
    private readonly HistogramBase?[,] _recycled = new HistogramBase?[Size, 3];

    public void Record(int second, bool accepted, long correctedUs, long uncorrectedUs, long sendDelayUs) =>
        _recorders[second % Size].Record(accepted, correctedUs, uncorrectedUs, sendDelayUs);

    /// <summary>The second's accept, accept-uncorrected and send-delay histograms; valid until the same slot is
    /// taken again, <see cref="Size"/> seconds later. One caller at a time.</summary>
    public (HistogramBase Accept, HistogramBase AcceptUncorrected, HistogramBase SendDelay) Take(int second)
    {
        var slot = second % Size;
        var recorders = _recorders[slot];
        var accept = _recycled[slot, 0] = recorders.Accept.GetIntervalHistogram(_recycled[slot, 0]);
        var uncorrected = _recycled[slot, 1] = recorders.AcceptUncorrected.GetIntervalHistogram(_recycled[slot, 1]);
        var sendDelay = _recycled[slot, 2] = recorders.SendDelay.GetIntervalHistogram(_recycled[slot, 2]);
        return (accept, uncorrected, sendDelay);
    }
}
