using ArchLab.Harness.Model.Semantics;

namespace ArchLab.Harness.Ledger;

/// <summary>
/// The caller's view of every order, in arrays indexed by sequence number (ids are dense). Built in one pass
/// over the caller's records without holding them: about twenty bytes per order, whatever the length of the run.
/// </summary>
internal sealed class OrderTable
{
    private CallerOutcome[] _outcome = new CallerOutcome[1024];
    private long[] _intended = new long[1024];
    private bool[] _warmup = new bool[1024];
    private long[] _answered = new long[1024];

    public int Count { get; private set; }

    public CallerOutcome[] Outcome => _outcome;

    public long[] Intended => _intended;

    public bool[] Warmup => _warmup;

    /// <summary>When the caller had its answer, ticks; 0 where not known.</summary>
    public long[] Answered => _answered;

    public static OrderTable Load(IEnumerable<CallerRecord> callers)
    {
        var table = new OrderTable();
        foreach (var record in callers)
        {
            table.Add(record);
        }

        return table;
    }

    private void Add(in CallerRecord record)
    {
        var seq = checked((int)record.Seq);
        if (seq >= _outcome.Length)
        {
            var size = Math.Max(seq + 1, _outcome.Length * 2);
            Array.Resize(ref _outcome, size);
            Array.Resize(ref _intended, size);
            Array.Resize(ref _warmup, size);
            Array.Resize(ref _answered, size);
        }

        _outcome[seq] = record.Outcome;
        _intended[seq] = record.IntendedTimestamp;
        _warmup[seq] = record.Warmup;
        _answered[seq] = record.AnsweredTimestamp;
        Count = Math.Max(Count, seq + 1);
    }
}
