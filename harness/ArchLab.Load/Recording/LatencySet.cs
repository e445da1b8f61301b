using HdrHistogram;

namespace ArchLab.Load.Recording;

/// <summary>
/// The three latencies of a request (accept, accept uncorrected, send delay) for one phase or one second, recorded
/// together under one lock into plain histograms. A request's end is recorded by whichever thread saw it end, so
/// writers are concurrent; one uncontended lock for all three values costs less than a single value in one of
/// HdrHistogram's concurrent recorders (a phaser and interlocked counts per value), and the engine's hot path
/// records millions a second. The sampler takes the histograms out under the same lock, once a second.
/// </summary>
/// <param name="sentAtIntended">The closed model: every request leaves when it is intended, so its uncorrected latency
/// is its corrected one and its send delay is zero. Only the accept latency and a count are recorded; the other two
/// histograms are made from them when the set is taken, which spares two histogram writes per request.</param>
internal sealed class LatencySet(bool sentAtIntended)
{
    private readonly Lock _gate = new();
    private HistogramBase _accept = Histograms.Create();
    private HistogramBase _acceptUncorrected = Histograms.Create();
    private HistogramBase _sendDelay = Histograms.Create();
    private long _zeroSendDelays;

    /// <summary>Latencies in microseconds, already clamped. Only accepted answers make an accept latency; every
    /// sent request has a send delay.</summary>
    public void Record(bool accepted, long correctedUs, long uncorrectedUs, long sendDelayUs)
    {
        lock (_gate)
        {
            if (sentAtIntended)
            {
                if (accepted)
                {
                    _accept.RecordValue(correctedUs);
                }

                _zeroSendDelays++;
                return;
            }

            if (accepted)
            {
                _accept.RecordValue(correctedUs);
                _acceptUncorrected.RecordValue(uncorrectedUs);
            }

            _sendDelay.RecordValue(sendDelayUs);
        }
    }

    /// <summary>
    /// Closed model only: <paramref name="accepted"/> accepted requests, their latencies counted by microsecond
    /// (<c>latencyCounts[us]</c>), under one lock.
    /// </summary>
    public void RecordCounts(ReadOnlySpan<long> latencyCounts, long accepted)
    {
        if (!sentAtIntended)
        {
            throw new InvalidOperationException("A tally of latencies is the closed model's, whose send delays are all zero.");
        }

        lock (_gate)
        {
            for (var us = 0; us < latencyCounts.Length; us++)
            {
                if (latencyCounts[us] > 0)
                {
                    _accept.RecordValueWithCount(us, latencyCounts[us]);
                }
            }

            _zeroSendDelays += accepted;
        }
    }

    /// <summary>
    /// What was recorded since the last take; recording goes on into <paramref name="recycled"/>, emptied here (or
    /// new histograms when there are none yet). One caller at a time.
    /// </summary>
    public LatencyHistograms Take(LatencyHistograms? recycled = null)
    {
        var next = recycled is null
            ? new LatencyHistograms(Histograms.Create(), Histograms.Create(), Histograms.Create())
            : Reset(recycled);
        LatencyHistograms taken;
        long zeroSendDelays;
        lock (_gate)
        {
            taken = new LatencyHistograms(_accept, _acceptUncorrected, _sendDelay);
            (_accept, _acceptUncorrected, _sendDelay) = (next.Accept, next.AcceptUncorrected, next.SendDelay);
            zeroSendDelays = _zeroSendDelays;
            _zeroSendDelays = 0;
        }

        if (sentAtIntended)
        {
            taken.AcceptUncorrected.Add(taken.Accept);
            if (zeroSendDelays > 0)
            {
                taken.SendDelay.RecordValueWithCount(0, zeroSendDelays);
            }
        }

        return taken;
    }

    private static LatencyHistograms Reset(LatencyHistograms histograms)
    {
        histograms.Accept.Reset();
        histograms.AcceptUncorrected.Reset();
        histograms.SendDelay.Reset();
        return histograms;
    }
}
