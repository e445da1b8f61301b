using System.Buffers;
using NATS.Client.Core;

namespace ArchLab.Load.Targets.Transports;

/// <summary>Reads a reply as its length only: the caller needs to know that it came, not what it says, and no copy is made.</summary>
internal sealed class ReplyLength : INatsDeserialize<long>
{
    public static ReplyLength Instance { get; } = new();

    public long Deserialize(in ReadOnlySequence<byte> buffer) => buffer.Length;
}
