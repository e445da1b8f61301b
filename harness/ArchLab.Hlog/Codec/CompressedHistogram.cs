using System.Buffers.Binary;
using System.IO.Compression;
using HdrHistogram;

namespace ArchLab.Hlog.Codec;

/// <summary>
/// One histogram in HdrHistogram's "V2 compressed" form, byte for byte what Java's
/// <c>Histogram.encodeIntoCompressedByteBuffer</c> writes: a cookie and a length, then a complete zlib stream (header,
/// deflate, Adler-32) of the V2 encoding, whose 40-byte header gives the histogram's range and precision and whose
/// counts, by index, are ZigZag LEB128 integers with a run of empty buckets written as one negative number.
/// HdrHistogram.NET's own compression leaves out the Adler-32 trailer, which Java's and JavaScript's readers need.
/// </summary>
public static class CompressedHistogram
{
    // Java writes each cookie's base with 0x10 in its low byte (the word size it once encoded); readers mask that
    // byte's high nibble off, so only the base identifies the format.
    private const int V2Cookie = 0x1c849303 | 0x10;
    private const int V2CompressedCookie = 0x1c849304 | 0x10;
    private const int CookieBaseMask = ~0xf0;
    private const int HeaderSize = 40;

    /// <summary>The compressed encoding of a histogram of whole numbers (its time stamps are not part of it).</summary>
    public static byte[] Encode(HistogramBase histogram)
    {
        ArgumentNullException.ThrowIfNull(histogram);
        var payload = new MemoryStream();
        payload.Write(stackalloc byte[HeaderSize]);
        WriteCounts(payload, histogram);
        var bytes = payload.GetBuffer().AsSpan(0, (int)payload.Length);
        BinaryPrimitives.WriteInt32BigEndian(bytes[0..], V2Cookie);
        BinaryPrimitives.WriteInt32BigEndian(bytes[4..], bytes.Length - HeaderSize);
        BinaryPrimitives.WriteInt32BigEndian(bytes[8..], 0); // normalizing index offset: counts are never shifted
        BinaryPrimitives.WriteInt32BigEndian(bytes[12..], histogram.NumberOfSignificantValueDigits);
        BinaryPrimitives.WriteInt64BigEndian(bytes[16..], histogram.LowestTrackableValue);
        BinaryPrimitives.WriteInt64BigEndian(bytes[24..], histogram.HighestTrackableValue);
        BinaryPrimitives.WriteDoubleBigEndian(bytes[32..], 1.0); // integer to double ratio: an integer histogram

        var compressed = new MemoryStream();
        compressed.Write(stackalloc byte[8]);
        using (var zlib = new ZLibStream(compressed, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            zlib.Write(bytes);
        }

        var result = compressed.ToArray();
        BinaryPrimitives.WriteInt32BigEndian(result.AsSpan(0), V2CompressedCookie);
        BinaryPrimitives.WriteInt32BigEndian(result.AsSpan(4), result.Length - 8);
        return result;
    }

    /// <summary>Decodes what <see cref="Encode"/> (or any HdrHistogram's V2 compressed encoding) wrote.</summary>
    /// <exception cref="InvalidDataException">The bytes are not a V2 compressed histogram.</exception>
    public static HistogramBase Decode(ReadOnlySpan<byte> encoded)
    {
        if (encoded.Length < 8 || (BinaryPrimitives.ReadInt32BigEndian(encoded) & CookieBaseMask) != (V2CompressedCookie & CookieBaseMask))
        {
            throw new InvalidDataException("not an HdrHistogram V2 compressed histogram (its first four bytes are not the cookie)");
        }

        var length = BinaryPrimitives.ReadInt32BigEndian(encoded[4..]);
        if (length < 0 || length > encoded.Length - 8)
        {
            throw new InvalidDataException($"the compressed histogram claims {length} bytes and has {encoded.Length - 8}");
        }

        var payload = Inflate(encoded.Slice(8, length));
        if (payload.Length < HeaderSize || (BinaryPrimitives.ReadInt32BigEndian(payload) & CookieBaseMask) != (V2Cookie & CookieBaseMask))
        {
            throw new InvalidDataException("the decompressed histogram is not in HdrHistogram's V2 encoding");
        }

        var countsLength = BinaryPrimitives.ReadInt32BigEndian(payload.AsSpan(4));
        if (countsLength < 0 || countsLength > payload.Length - HeaderSize)
        {
            throw new InvalidDataException($"the histogram claims {countsLength} bytes of counts and has {payload.Length - HeaderSize}");
        }

        if (BinaryPrimitives.ReadInt32BigEndian(payload.AsSpan(8)) != 0)
        {
            throw new InvalidDataException("histograms with shifted counts (a normalizing index offset) are not supported");
        }

        var digits = BinaryPrimitives.ReadInt32BigEndian(payload.AsSpan(12));
        var lowest = BinaryPrimitives.ReadInt64BigEndian(payload.AsSpan(16));
        var highest = Math.Max(BinaryPrimitives.ReadInt64BigEndian(payload.AsSpan(24)), 2 * lowest);
        var layout = new BucketLayout(lowest, highest, digits);
        var histogram = new LongHistogram(lowest, highest, digits);
        ReadCounts(payload.AsSpan(HeaderSize, countsLength), layout, layout.IndexOf(highest), histogram);
        return histogram;
    }

    private static void WriteCounts(Stream stream, HistogramBase histogram)
    {
        var layout = new BucketLayout(histogram.LowestTrackableValue, histogram.HighestTrackableValue, histogram.NumberOfSignificantValueDigits);
        var next = 0;
        foreach (var recorded in histogram.RecordedValues())
        {
            var index = layout.IndexOf(recorded.ValueIteratedTo);
            if (index < next)
            {
                throw new InvalidOperationException($"value {recorded.ValueIteratedTo} maps to counts index {index}, before {next}: the bucket layout disagrees with HdrHistogram's");
            }

            var empty = index - next;
            if (empty > 0)
            {
                ZigZagLeb128.Write(stream, empty == 1 ? 0 : -empty); // as Java: one empty bucket is a 0, a run is -length
            }

            ZigZagLeb128.Write(stream, recorded.CountAtValueIteratedTo);
            next = index + 1;
        }
    }

    private static void ReadCounts(ReadOnlySpan<byte> counts, BucketLayout layout, int lastIndex, HistogramBase histogram)
    {
        var position = 0;
        long index = 0;
        while (position < counts.Length)
        {
            var count = ZigZagLeb128.Read(counts, ref position);
            if (count < 0)
            {
                index -= count;
                continue;
            }

            if (count > 0)
            {
                if (index > lastIndex)
                {
                    throw new InvalidDataException($"the histogram has counts past its highest trackable value ({histogram.HighestTrackableValue})");
                }

                histogram.RecordValueWithCount(layout.ValueAt((int)index), count);
            }

            index++;
        }
    }

    private static byte[] Inflate(ReadOnlySpan<byte> zlibStream)
    {
        using var input = new MemoryStream(zlibStream.ToArray());
        using var zlib = new ZLibStream(input, CompressionMode.Decompress);
        using var output = new MemoryStream();
        zlib.CopyTo(output);
        return output.ToArray();
    }
}
