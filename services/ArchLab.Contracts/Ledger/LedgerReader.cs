namespace ArchLab.Contracts.Ledger;

/// <summary>Streams the records of a ledger file, counting slots that hold no complete record.</summary>
public sealed class LedgerReader
{
    private readonly string _path;

    public LedgerReader(string path) => _path = path;

    /// <summary>Slots read that held no complete record (a crash between reserving and writing one).</summary>
    public long TornRecords { get; private set; }

    public IEnumerable<LedgerRecord> Read()
    {
        TornRecords = 0;
        if (!File.Exists(_path))
        {
            yield break;
        }

        using var stream = new FileStream(_path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1 << 16);
        var buffer = new byte[LedgerRecord.Size * 1024];
        var filled = 0;
        int read;
        while ((read = stream.Read(buffer, filled, buffer.Length - filled)) > 0)
        {
            filled += read;
            var whole = filled / LedgerRecord.Size * LedgerRecord.Size;
            for (var offset = 0; offset < whole; offset += LedgerRecord.Size)
            {
                if (LedgerRecord.TryRead(buffer.AsSpan(offset, LedgerRecord.Size), out var record))
                {
                    yield return record;
                }
                else
                {
                    TornRecords++;
                }
            }

            filled -= whole;
            Array.Copy(buffer, whole, buffer, 0, filled);
        }

        if (filled > 0)
        {
            TornRecords++;
        }
    }

    /// <summary>The number of record slots in the file right now, complete or not: a cheap progress probe.</summary>
    public static long CountSlots(string path) =>
        File.Exists(path) ? new FileInfo(path).Length / LedgerRecord.Size : 0;
}
