using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using System.Threading.Channels;

namespace ArchLab.Load.Recording;

/// <summary>
/// The caller log: every request the engine offered, one fixed-size binary record each, in the order the
/// requests ended (not in seq order). See <see cref="CallLogFormat"/> for the bytes.
/// </summary>
/// <remarks>
/// A record is copied into a 64 KiB buffer under a lock; a full buffer goes to a writer task and recording goes on
/// into a spare one, so a request's end never waits for the disk (which would show as the next request's send
/// delay, or hold back a closed-model user).
/// </remarks>
public sealed class CallLog : IDisposable
{
    private const int BufferSize = 64 * 1024;

    // Full buffers waiting for the writer. Bounded: a disk slower than the load holds the recording back rather than
    // memory growing without end.
    private const int QueuedBuffers = 16;

    private readonly Lock _gate = new();
    private readonly FileStream _file;
    private readonly Channel<(byte[] Buffer, int Used)> _full =
        Channel.CreateBounded<(byte[], int)>(new BoundedChannelOptions(QueuedBuffers) { SingleReader = true });
    private readonly ConcurrentQueue<byte[]> _spare = new();
    private readonly Task _writer;
    private byte[] _buffer = new byte[BufferSize];
    private int _used;
    private bool _disposed;
    private ExceptionDispatchInfo? _failure;

    private CallLog(FileStream file)
    {
        _file = file;
        CallLogFormat.WriteHeader(_buffer);
        _used = CallLogFormat.HeaderSize;
        _writer = Task.Run(WriteAsync);
    }

    public string Path => _file.Name;

    /// <summary>Creates (or replaces) the file at <paramref name="path"/>.</summary>
    public static CallLog Create(string path) =>
        new(new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, bufferSize: 0));

    /// <summary>Streams the records of a caller log; a torn last record (a crash mid-write) is ignored.</summary>
    public static IEnumerable<CallRecord> Read(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, BufferSize);
        var header = new byte[CallLogFormat.HeaderSize];
        file.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
        CallLogFormat.ReadHeader(header, path);
        var record = new byte[CallLogFormat.RecordSize];
        while (file.ReadAtLeast(record, record.Length, throwOnEndOfStream: false) == record.Length)
        {
            yield return CallLogFormat.Read(record);
        }
    }

    /// <summary>Appends one record; safe from any thread. Throws the writer's failure (a full disk) once it has one.</summary>
    public void Append(in CallRecord record)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _failure?.Throw();
            CallLogFormat.Write(NextSlot(), record);
        }
    }

    /// <summary>Appends whole records already in the file's format (<see cref="CallLogFormat.Write"/>), under one lock.</summary>
    public void AppendRecords(ReadOnlySpan<byte> records)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _failure?.Throw();
            for (var at = 0; at + CallLogFormat.RecordSize <= records.Length; at += CallLogFormat.RecordSize)
            {
                records.Slice(at, CallLogFormat.RecordSize).CopyTo(NextSlot());
            }
        }
    }

    // Under the lock: the next record's bytes in the buffer, a full buffer handed to the writer first.
    private Span<byte> NextSlot()
    {
        if (_used + CallLogFormat.RecordSize > _buffer.Length)
        {
            HandOff();
            _buffer = _spare.TryDequeue(out var spare) ? spare : new byte[BufferSize];
        }

        var slot = _buffer.AsSpan(_used, CallLogFormat.RecordSize);
        _used += CallLogFormat.RecordSize;
        return slot;
    }

    /// <summary>Writes every record appended so far to the file and closes it; throws the writer's failure, if any.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            HandOff();
            _full.Writer.Complete();
        }

        try
        {
            _writer.GetAwaiter().GetResult();
        }
        finally
        {
            _file.Dispose();
        }

        _failure?.Throw();
    }

    // Under the lock. Waits only when the writer is QueuedBuffers behind, or has stopped on a failure.
    private void HandOff()
    {
        if (_used == 0)
        {
            return;
        }

        var full = (_buffer, _used);
        _used = 0;
        if (!_full.Writer.TryWrite(full) && _failure is null)
        {
            _full.Writer.WriteAsync(full).AsTask().GetAwaiter().GetResult();
        }
    }

    private async Task WriteAsync()
    {
        await foreach (var (buffer, used) in _full.Reader.ReadAllAsync())
        {
            if (_failure is not null)
            {
                continue; // drain what is queued so no appender waits on a writer that has stopped
            }

            try
            {
                _file.Write(buffer, 0, used);
            }
#pragma warning disable CA1031 // The failure is kept and thrown to the next appender and at Dispose.
            catch (Exception e)
#pragma warning restore CA1031
            {
                Volatile.Write(ref _failure, ExceptionDispatchInfo.Capture(e));
            }

            _spare.Enqueue(buffer);
        }
    }
}
