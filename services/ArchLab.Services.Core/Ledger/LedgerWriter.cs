using System.Diagnostics;
using ArchLab.Contracts.Ledger;
using ArchLab.Contracts.Messages;
using Microsoft.Win32.SafeHandles;

namespace ArchLab.Services.Core.Ledger;

/// <summary>
/// Appends effects to a ledger file. Each record is written by one positional write straight to the
/// kernel (no user-space buffer), so a SIGKILL right after <see cref="Append"/> returns loses nothing.
/// Writers on many threads reserve disjoint slots with one atomic add and never take a lock.
/// </summary>
public sealed class LedgerWriter : IDisposable
{
    private readonly SafeFileHandle _handle;
    private readonly ushort _step;
    private readonly int _pid = Environment.ProcessId;
    private long _next;

    /// <param name="path">The file; created if missing, appended to if present (a restarted role keeps its ledger).</param>
    /// <param name="step">The step code every record of this writer carries.</param>
    public LedgerWriter(string path, ushort step)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        _handle = File.OpenHandle(path, FileMode.OpenOrCreate, FileAccess.Write, FileShare.ReadWrite);
        // Round up: a torn tail left by a killed predecessor stays a torn slot instead of shifting every later record.
        var length = RandomAccess.GetLength(_handle);
        _next = (length + LedgerRecord.Size - 1) / LedgerRecord.Size * LedgerRecord.Size;
        _step = step;
    }

    /// <summary>Records the effect of this step on <paramref name="id"/> now and returns its timestamp.</summary>
    public long Append(OrderId id, int attempt, ServiceSpent spent = default) => Write(id, attempt, _step, spent);

    /// <summary>Records an attempt at <paramref name="id"/> that failed (<see cref="StepCodes.FailedAttemptFlag"/> set): no effect, but an attempt.</summary>
    public long AppendFailedAttempt(OrderId id, int attempt, ServiceSpent spent = default) =>
        Write(id, attempt, (ushort)(_step | StepCodes.FailedAttemptFlag), spent);

    private long Write(OrderId id, int attempt, ushort step, ServiceSpent spent)
    {
        var timestamp = Stopwatch.GetTimestamp();
        var record = new LedgerRecord(id, step, (ushort)Math.Clamp(attempt, 0, ushort.MaxValue), timestamp, _pid,
            spent.Started == 0 ? LedgerRecord.None : Micros(Stopwatch.GetElapsedTime(spent.Started, timestamp)),
            spent.Started == 0 ? LedgerRecord.None : Micros(spent.Planned));
        Span<byte> bytes = stackalloc byte[LedgerRecord.Size];
        record.WriteTo(bytes);
        var offset = Interlocked.Add(ref _next, LedgerRecord.Size) - LedgerRecord.Size;
        RandomAccess.Write(_handle, bytes, offset);
        return timestamp;
    }

    private static int Micros(TimeSpan time) => (int)Math.Clamp(time.Ticks / 10, 0, int.MaxValue);

    public void Dispose() => _handle.Dispose();
}

/// <summary>The service an execution spent before its record: when it got a worker, and what it asked the timer for.</summary>
/// <param name="Started"><c>Stopwatch</c> timestamp at which the service began; 0 when not timed.</param>
/// <param name="Planned">The service time drawn, times any slow-down in force.</param>
public readonly record struct ServiceSpent(long Started, TimeSpan Planned);
