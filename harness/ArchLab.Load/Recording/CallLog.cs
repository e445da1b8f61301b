namespace ArchLab.Load.Recording;

/// <summary>
/// The caller log: every request the engine offered, one fixed-size binary record each, in the order the
/// requests ended (not in seq order). See <see cref="CallLogFormat"/> for the bytes.
/// </summary>
public sealed class CallLog : IDisposable
{
    private const int BufferSize = 64 * 1024;

    private readonly Lock _gate = new();
    private readonly FileStream _file;
    private readonly byte[] _buffer = new byte[BufferSize];
    private int _used;
    private bool _disposed;

    private CallLog(FileStream file)
    {
        _file = file;
        CallLogFormat.WriteHeader(_buffer);
        _used = CallLogFormat.HeaderSize;
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

    /// <summary>Appends one record; safe from any thread. Records reach the file in 64 KiB writes.</summary>
    public void Append(in CallRecord record)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_used + CallLogFormat.RecordSize > _buffer.Length)
            {
                FlushBuffer();
            }

            CallLogFormat.Write(_buffer.AsSpan(_used), record);
            _used += CallLogFormat.RecordSize;
        }
    }

    /// <summary>Writes what is buffered to the file.</summary>
    public void Flush()
    {
        lock (_gate)
        {
            FlushBuffer();
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            FlushBuffer();
            _disposed = true;
            _file.Dispose();
        }
    }

    private void FlushBuffer()
    {
        _file.Write(_buffer, 0, _used);
        _used = 0;
    }
}
