using System.Buffers.Binary;
using ArchLab.Contracts.Messages;

namespace ArchLab.Contracts.Ledger;

/// <summary>
/// One effect of one step on one order: the ground truth the checker reads after a run.
/// Fixed size (40 bytes, little endian) so that a record is written with one system call and a torn
/// or missing record is recognisable by its magic.
/// </summary>
/// <param name="Id">The order.</param>
/// <param name="Step">Which step did it (<see cref="StepCodes"/>).</param>
/// <param name="Attempt">The delivery or call attempt the step saw (1 for the first).</param>
/// <param name="Timestamp">When the effect happened, <c>Stopwatch.GetTimestamp()</c> (CLOCK_MONOTONIC, shared by all processes of the machine).</param>
/// <param name="Pid">The process that wrote it (a restarted role writes under a new pid).</param>
/// <param name="ServiceMicros">
/// The service time this execution actually took, in microseconds: from the moment it had a worker until the record
/// was written. <see cref="None"/> when the writer did not time one.
/// </param>
/// <param name="PlannedMicros">
/// The service time the step asked for: the draw from its distribution times any slow-down in force, in
/// microseconds. Measured against planned is the lab's own error; planned against the scenario is the draw's.
/// </param>
public readonly record struct LedgerRecord(
    OrderId Id, ushort Step, ushort Attempt, long Timestamp, int Pid, int ServiceMicros = LedgerRecord.None, int PlannedMicros = LedgerRecord.None)
{
    public const int Size = 40;

    /// <summary>"LDG2": marks a complete record; a hole left by a crash reads as zeros.</summary>
    public const uint Magic = 0x3247444C;

    /// <summary>A service time that was not timed.</summary>
    public const int None = -1;

    public void WriteTo(Span<byte> destination)
    {
        BinaryPrimitives.WriteInt64LittleEndian(destination, Id.Seq);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[8..], Id.Nonce);
        BinaryPrimitives.WriteUInt16LittleEndian(destination[12..], Step);
        BinaryPrimitives.WriteUInt16LittleEndian(destination[14..], Attempt);
        BinaryPrimitives.WriteInt64LittleEndian(destination[16..], Timestamp);
        BinaryPrimitives.WriteInt32LittleEndian(destination[24..], Pid);
        BinaryPrimitives.WriteInt32LittleEndian(destination[28..], ServiceMicros);
        BinaryPrimitives.WriteInt32LittleEndian(destination[32..], PlannedMicros);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[36..], Magic);
    }

    /// <summary>Reads a record; false for a torn or empty slot.</summary>
    public static bool TryRead(ReadOnlySpan<byte> source, out LedgerRecord record)
    {
        record = default;
        if (source.Length < Size || BinaryPrimitives.ReadUInt32LittleEndian(source[36..]) != Magic)
        {
            return false;
        }

        record = new LedgerRecord(
            new OrderId(BinaryPrimitives.ReadUInt32LittleEndian(source[8..]), BinaryPrimitives.ReadInt64LittleEndian(source)),
            BinaryPrimitives.ReadUInt16LittleEndian(source[12..]),
            BinaryPrimitives.ReadUInt16LittleEndian(source[14..]),
            BinaryPrimitives.ReadInt64LittleEndian(source[16..]),
            BinaryPrimitives.ReadInt32LittleEndian(source[24..]),
            BinaryPrimitives.ReadInt32LittleEndian(source[28..]),
            BinaryPrimitives.ReadInt32LittleEndian(source[32..]));
        return true;
    }
}
