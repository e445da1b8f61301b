using System.Buffers.Binary;
using System.Diagnostics;
using ArchLab.Load.Targets;

namespace ArchLab.Load.Recording;

/// <summary>
/// The caller log's bytes, little-endian. A 32-byte header (magic, version, record size, ticks per second of the
/// clock), then 40-byte records: seq, intended, sent, done (int64 each), kind (byte), flags (byte, 1 = warm-up),
/// status code (uint16), 4 bytes reserved. Fixed-size records let a reader seek and let a crash lose at most
/// the tail of the file.
/// </summary>
internal static class CallLogFormat
{
    public const int HeaderSize = 32;
    public const int RecordSize = 40;
    public const ushort Version = 1;
    private const byte WarmupFlag = 1;

    private static ReadOnlySpan<byte> Magic => "ALCALLOG"u8;

    public static void WriteHeader(Span<byte> header)
    {
        header[..HeaderSize].Clear();
        Magic.CopyTo(header);
        BinaryPrimitives.WriteUInt16LittleEndian(header[8..], Version);
        BinaryPrimitives.WriteUInt16LittleEndian(header[10..], RecordSize);
        BinaryPrimitives.WriteInt64LittleEndian(header[16..], Stopwatch.Frequency);
    }

    /// <summary>Checks the header and returns the clock's ticks per second.</summary>
    public static long ReadHeader(ReadOnlySpan<byte> header, string path)
    {
        if (header.Length < HeaderSize || !header[..8].SequenceEqual(Magic))
        {
            throw new InvalidDataException($"{path} is not a caller log.");
        }

        var version = BinaryPrimitives.ReadUInt16LittleEndian(header[8..]);
        var size = BinaryPrimitives.ReadUInt16LittleEndian(header[10..]);
        if (version != Version || size != RecordSize)
        {
            throw new InvalidDataException($"{path}: caller log version {version} with {size}-byte records is not supported.");
        }

        return BinaryPrimitives.ReadInt64LittleEndian(header[16..]);
    }

    public static void Write(Span<byte> destination, in CallRecord record)
    {
        BinaryPrimitives.WriteInt64LittleEndian(destination, record.Seq);
        BinaryPrimitives.WriteInt64LittleEndian(destination[8..], record.Intended);
        BinaryPrimitives.WriteInt64LittleEndian(destination[16..], record.Sent);
        BinaryPrimitives.WriteInt64LittleEndian(destination[24..], record.Done);
        destination[32] = (byte)record.Kind;
        destination[33] = record.Warmup ? WarmupFlag : (byte)0;
        BinaryPrimitives.WriteUInt16LittleEndian(destination[34..], (ushort)Math.Clamp(record.StatusCode, 0, ushort.MaxValue));
        BinaryPrimitives.WriteInt32LittleEndian(destination[36..], 0);
    }

    public static CallRecord Read(ReadOnlySpan<byte> source) => new(
        BinaryPrimitives.ReadInt64LittleEndian(source),
        BinaryPrimitives.ReadInt64LittleEndian(source[8..]),
        BinaryPrimitives.ReadInt64LittleEndian(source[16..]),
        BinaryPrimitives.ReadInt64LittleEndian(source[24..]),
        (OutcomeKind)source[32],
        BinaryPrimitives.ReadUInt16LittleEndian(source[34..]),
        (source[33] & WarmupFlag) != 0);
}
