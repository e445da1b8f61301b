namespace ArchLab.Harness.Ledger;

/// <summary>The caller's view of every order, in arrays indexed by sequence number (ids are dense).</summary>
internal sealed class OrderTable
{
    private OrderTable(int count)
    {
        Count = count;
        Outcome = new CallerOutcome[count];
        Intended = new long[count];
        Warmup = new bool[count];
    }

    public int Count { get; }

    public CallerOutcome[] Outcome { get; }

    public long[] Intended { get; }

    public bool[] Warmup { get; }

    public static OrderTable Load(IEnumerable<CallerRecord> callers)
    {
        var list = callers as IReadOnlyCollection<CallerRecord> ?? callers.ToList();
        var count = list.Count == 0 ? 0 : (int)(list.Max(r => r.Seq) + 1);
        var table = new OrderTable(count);
        foreach (var record in list)
        {
            table.Outcome[record.Seq] = record.Outcome;
            table.Intended[record.Seq] = record.IntendedTimestamp;
            table.Warmup[record.Seq] = record.Warmup;
        }

        return table;
    }
}
