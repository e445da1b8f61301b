using ArchLab.Load.Targets;

namespace ArchLab.Load.Recording;

/// <summary>
/// One closed-model user's requests that were answered at once (a buffered publish), tallied on the user's own thread
/// and added to the shared recording in one go: per request the user then pays a few plain additions rather than a
/// dozen interlocked ones and two locks, which at half a microsecond a publish is a fifth of the cost (nats benchmark).
/// A batch holds one phase and one interval, so every count lands where a request-by-request recording puts it; it is
/// added when the interval or the phase changes, before the user waits on an answer or thinks, after 256 requests,
/// and when the user stops, so the sampler, which closes an interval 200 ms after it ends, finds it complete.
/// </summary>
internal sealed class UserTally(RunRecording recording)
{
    private const int MaxBatch = 256;

    // Latencies up to this many microseconds are counted in an array; a slower answer is recorded on its own.
    private const int MaxTalliedMicroseconds = 256;

    private readonly long[] _latencies = new long[MaxTalliedMicroseconds];

    // The batch's caller-log records; none when the run keeps no caller log.
    private readonly byte[] _calls = new byte[recording.KeepsCallLog ? MaxBatch * CallLogFormat.RecordSize : 0];
    private bool _warmup;
    private int _interval = -1;
    private int _offered;
    private int _accepted;

    /// <summary>A request offered and sent at <paramref name="at"/>.</summary>
    public void OfferedAndSent(long at, bool warmup)
    {
        var interval = warmup ? -1 : recording.Timeline.IntervalOf(at);
        if (warmup != _warmup || interval != _interval || _offered == MaxBatch)
        {
            Flush();
            (_warmup, _interval) = (warmup, interval);
        }

        _offered++;
    }

    /// <summary>Tallies a request of this batch that ended accepted within the batch's interval; false: record it on its own.</summary>
    public bool TryEnded(in CallRecord call)
    {
        if (call.Kind != OutcomeKind.Accepted || call.Warmup != _warmup || (!_warmup && recording.Timeline.IntervalOf(call.Done) != _interval))
        {
            return false;
        }

        var micros = Histograms.TicksToMicroseconds(call.Done - call.Intended);
        if (micros >= MaxTalliedMicroseconds)
        {
            return false;
        }

        _latencies[micros]++;
        if (_calls.Length > 0)
        {
            CallLogFormat.Write(_calls.AsSpan(_accepted * CallLogFormat.RecordSize), call);
        }

        _accepted++;
        return true;
    }

    /// <summary>Adds the batch to the recording.</summary>
    public void Flush()
    {
        if (_offered == 0)
        {
            return;
        }

        recording.AddTally(_warmup, _interval, _offered, _accepted, _latencies, _calls.Length == 0 ? [] : _calls.AsSpan(0, _accepted * CallLogFormat.RecordSize));
        Array.Clear(_latencies);
        (_offered, _accepted) = (0, 0);
    }
}
