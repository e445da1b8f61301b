namespace ArchLab.Hlog.Codec;

/// <summary>
/// HdrHistogram's variable-length integers (Java's ZigZagEncoding): ZigZag so that small negative numbers (runs of
/// empty buckets) stay short, then LEB128 groups of 7 bits, at most nine bytes, the ninth carrying 8 bits.
/// </summary>
internal static class ZigZagLeb128
{
    public static void Write(Stream stream, long value)
    {
        var v = (ulong)((value << 1) ^ (value >> 63));
        for (var shift = 0; shift < 56; shift += 7)
        {
            if (v >> (shift + 7) == 0)
            {
                stream.WriteByte((byte)(v >> shift));
                return;
            }

            stream.WriteByte((byte)(((v >> shift) & 0x7F) | 0x80));
        }

        stream.WriteByte((byte)(v >> 56));
    }

    /// <summary>Reads one integer at <paramref name="position"/> and moves past it.</summary>
    public static long Read(ReadOnlySpan<byte> buffer, ref int position)
    {
        ulong v = 0;
        for (var shift = 0; shift < 56; shift += 7)
        {
            var b = Next(buffer, ref position);
            v |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return Decode(v);
            }
        }

        v |= (ulong)Next(buffer, ref position) << 56;
        return Decode(v);
    }

    private static byte Next(ReadOnlySpan<byte> buffer, ref int position) => position < buffer.Length
        ? buffer[position++]
        : throw new InvalidDataException("the histogram's counts end in the middle of a number");

    private static long Decode(ulong v) => (long)(v >> 1) ^ -(long)(v & 1);
}
