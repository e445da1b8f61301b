using HdrHistogram;

namespace ArchLab.Load.Recording;

/// <summary>The three latencies of one phase, as interval recorders: safe for concurrent writers, and the sampler
/// takes a stable interval histogram from each without stopping them.</summary>
internal sealed class LatencyRecorders
{
    public Recorder Accept { get; } = Histograms.CreateRecorder();

    public Recorder AcceptUncorrected { get; } = Histograms.CreateRecorder();

    public Recorder SendDelay { get; } = Histograms.CreateRecorder();

    /// <summary>Latencies in microseconds, already clamped. Only accepted answers make an accept latency; every
    /// sent request has a send delay.</summary>
    public void Record(bool accepted, long correctedUs, long uncorrectedUs, long sendDelayUs)
    {
        if (accepted)
        {
            Accept.RecordValue(correctedUs);
            AcceptUncorrected.RecordValue(uncorrectedUs);
        }

        SendDelay.RecordValue(sendDelayUs);
    }
}
