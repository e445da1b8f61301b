namespace ArchLab.Unit.Tests.Proxy;

/// <summary>A byte stream where every byte depends on its position, so that a lost, repeated or reordered byte shows
/// at the first place it happens.</summary>
internal static class Pattern
{
    public static byte At(long position) => (byte)(position ^ (position >> 8) ^ (position >> 16) ^ (position >> 24));

    public static byte[] Bytes(long from, int count)
    {
        var bytes = new byte[count];
        Fill(bytes, from);
        return bytes;
    }

    public static void Fill(Span<byte> bytes, long from)
    {
        for (var i = 0; i < bytes.Length; i++)
        {
            bytes[i] = At(from + i);
        }
    }

    /// <summary>The position of the first byte that differs from the pattern, or -1.</summary>
    public static long FirstMismatch(ReadOnlySpan<byte> bytes, long from)
    {
        for (var i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] != At(from + i))
            {
                return from + i;
            }
        }

        return -1;
    }
}
