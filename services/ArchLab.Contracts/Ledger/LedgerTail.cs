namespace ArchLab.Contracts.Ledger;

/// <summary>
/// Follows a ledger file as it grows and counts its effects (failed attempts are not effects), reading
/// only what was appended since the last look: a cheap progress probe for a file that may hold millions of records.
/// </summary>
public sealed class LedgerTail(string path)
{
    private readonly byte[] _buffer = new byte[LedgerRecord.Size * 512];
    private long _offset;

    /// <summary>Effects seen so far.</summary>
    public long Effects { get; private set; }

    /// <summary>Reads what was appended and returns the effects counted so far.</summary>
    public long Poll()
    {
        if (!File.Exists(path))
        {
            return Effects;
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1);
        stream.Position = _offset;
        int read;
        // Only whole records: a record being written now is read on the next look.
        while ((read = stream.Read(_buffer, 0, (int)Math.Min(_buffer.Length, (stream.Length - _offset) / LedgerRecord.Size * LedgerRecord.Size))) > 0)
        {
            for (var at = 0; at + LedgerRecord.Size <= read; at += LedgerRecord.Size)
            {
                if (LedgerRecord.TryRead(_buffer.AsSpan(at, LedgerRecord.Size), out var record) && !StepCodes.IsFailedAttempt(record.Step))
                {
                    Effects++;
                }
            }

            _offset += read;
        }

        return Effects;
    }
}
