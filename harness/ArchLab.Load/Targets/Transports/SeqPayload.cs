using System.Buffers;
using System.Buffers.Binary;
using NATS.Client.Core;

namespace ArchLab.Load.Targets.Transports;

/// <summary>
/// The body every transport target sends: the request's sequence number (8 bytes, little-endian) and zeros up to
/// the payload size. Written straight into the connection's buffer, so a publish allocates nothing; a sink that
/// counts what it receives reads the sequence number back with <see cref="ReadSeq"/>.
/// </summary>
public sealed class SeqPayload : INatsSerialize<long>
{
    /// <summary>The smallest payload: the sequence number alone.</summary>
    public const int MinSize = sizeof(long);

    public SeqPayload(int size)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, MinSize);
        Size = size;
    }

    /// <summary>Bytes per message.</summary>
    public int Size { get; }

    public void Serialize(IBufferWriter<byte> bufferWriter, long value)
    {
        var span = bufferWriter.GetSpan(Size)[..Size];
        BinaryPrimitives.WriteInt64LittleEndian(span, value);
        span[MinSize..].Clear();
        bufferWriter.Advance(Size);
    }

    /// <summary>The body of request <paramref name="seq"/> as an array (for clients that take one).</summary>
    public byte[] ToArray(long seq)
    {
        var bytes = new byte[Size];
        BinaryPrimitives.WriteInt64LittleEndian(bytes, seq);
        return bytes;
    }

    /// <summary>The sequence number of a body; null when it is shorter than one.</summary>
    public static long? ReadSeq(ReadOnlySequence<byte> body)
    {
        if (body.Length < MinSize)
        {
            return null;
        }

        Span<byte> head = stackalloc byte[MinSize];
        body.Slice(0, MinSize).CopyTo(head);
        return BinaryPrimitives.ReadInt64LittleEndian(head);
    }
}
