using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using ArchLab.Load.Targets;

namespace ArchLab.Load.Recording;

/// <summary>Thread-safe totals of one phase (warm-up or measured): counts and errors by kind.</summary>
internal sealed class OutcomeCounters
{
    private readonly ConcurrentDictionary<int, StrongBox<long>> _rejectedByStatus = new();
    private long _offered;
    private long _sent;
    private long _accepted;
    private long _timeouts;
    private long _refused;
    private long _failed;
    private long _dropped;
    private long _ended;

    public long Offered => Volatile.Read(ref _offered);

    public long Sent => Volatile.Read(ref _sent);

    public long Accepted => Volatile.Read(ref _accepted);

    public long Dropped => Volatile.Read(ref _dropped);

    /// <summary>
    /// Sent and not ended yet. Ended is read first: every request is counted sent before it is counted ended (a user's
    /// tally adds a batch to both), so sent read after it is never below it. Read the other way round, a batch landing
    /// between the two reads made a closed-model timeline's backlog -1 (transport-baseline's nats-publish-closed).
    /// </summary>
    public long InFlight
    {
        get
        {
            var ended = Volatile.Read(ref _ended);
            return Volatile.Read(ref _sent) - ended;
        }
    }

    public void CountOffered() => Interlocked.Increment(ref _offered);

    public void CountSent() => Interlocked.Increment(ref _sent);

    public void CountDropped() => Interlocked.Increment(ref _dropped);

    public void CountOfferedAndSent(long count)
    {
        Interlocked.Add(ref _offered, count);
        Interlocked.Add(ref _sent, count);
    }

    public void CountAccepted(long count)
    {
        Interlocked.Add(ref _accepted, count);
        Interlocked.Add(ref _ended, count);
    }

    public void CountEnded(CallOutcome outcome)
    {
        switch (outcome.Kind)
        {
            case OutcomeKind.Accepted:
                Interlocked.Increment(ref _accepted);
                break;
            case OutcomeKind.Rejected:
                Interlocked.Increment(ref _rejectedByStatus.GetOrAdd(outcome.StatusCode, static _ => new StrongBox<long>()).Value);
                break;
            case OutcomeKind.Timeout:
                Interlocked.Increment(ref _timeouts);
                break;
            case OutcomeKind.Refused:
                Interlocked.Increment(ref _refused);
                break;
            default:
                Interlocked.Increment(ref _failed);
                break;
        }

        Interlocked.Increment(ref _ended);
    }

    public LoadCounts Snapshot()
    {
        var accepted = Accepted;
        var ended = Volatile.Read(ref _ended);
        return new LoadCounts(Offered, Sent, accepted, ended - accepted, Dropped);
    }

    /// <summary>Errors by kind with the names of the results contract: timeout, refused, status_503, no_responders, failed, dropped.
    /// Kinds that never happened are left out.</summary>
    public IReadOnlyDictionary<string, long> ErrorsByKind()
    {
        var kinds = new SortedDictionary<string, long>(StringComparer.Ordinal);
        Add(kinds, "timeout", Volatile.Read(ref _timeouts));
        Add(kinds, "refused", Volatile.Read(ref _refused));
        Add(kinds, "failed", Volatile.Read(ref _failed));
        Add(kinds, "dropped", Dropped);
        foreach (var (status, count) in _rejectedByStatus)
        {
            Add(kinds, ErrorKinds.OfStatus(status), Volatile.Read(ref count.Value));
        }

        return kinds;
    }

    private static void Add(SortedDictionary<string, long> kinds, string kind, long count)
    {
        if (count > 0)
        {
            kinds[kind] = count;
        }
    }
}
