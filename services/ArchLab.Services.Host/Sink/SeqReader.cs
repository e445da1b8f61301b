using System.Buffers;
using System.Buffers.Binary;
using NATS.Client.Core;

namespace ArchLab.Services.Host.Sink;

/// <summary>Reads a transport message as its sequence number (its first 8 bytes, little-endian; -1 when shorter), copying nothing.</summary>
internal sealed class SeqReader : INatsDeserialize<long>
{
    public static SeqReader Instance { get; } = new();

    public long Deserialize(in ReadOnlySequence<byte> buffer)
    {
        if (buffer.Length < sizeof(long))
        {
            return -1;
        }

        Span<byte> head = stackalloc byte[sizeof(long)];
        buffer.Slice(0, sizeof(long)).CopyTo(head);
        return BinaryPrimitives.ReadInt64LittleEndian(head);
    }
}
