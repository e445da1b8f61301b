using ArchLab.Contracts.Ledger;

namespace ArchLab.Harness.Ledger;

/// <summary>Moves a ledger written on another host onto this machine's clock: every record's time mapped, nothing else touched.</summary>
public static class LedgerShift
{
    /// <summary>Rewrites each complete record's timestamp with <paramref name="clock"/>; a torn slot stays as it is, for the checker to see.</summary>
    public static void Rewrite(string path, Func<long, long> clock)
    {
        var bytes = File.ReadAllBytes(path);
        for (var at = 0; at + LedgerRecord.Size <= bytes.Length; at += LedgerRecord.Size)
        {
            var slot = bytes.AsSpan(at, LedgerRecord.Size);
            if (LedgerRecord.TryRead(slot, out var record))
            {
                (record with { Timestamp = clock(record.Timestamp) }).WriteTo(slot);
            }
        }

        File.WriteAllBytes(path, bytes);
    }
}
