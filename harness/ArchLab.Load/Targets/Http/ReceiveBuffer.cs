namespace ArchLab.Load.Targets.Http;

/// <summary>A connection's receive buffer: bytes arrive at the end, the parser consumes from the start.</summary>
internal sealed class ReceiveBuffer
{
    private byte[] _bytes = new byte[16 * 1024];
    private int _start;
    private int _end;

    public ReadOnlySpan<byte> Unread => _bytes.AsSpan(_start, _end - _start);

    public bool IsEmpty => _start == _end;

    public void Clear() => (_start, _end) = (0, 0);

    public void Consume(int count) => _start += count;

    public void Received(int count) => _end += count;

    /// <summary>Room for the next receive: unread bytes (a head still incomplete) move to the front, and a large
    /// head grows the buffer.</summary>
    public Memory<byte> Free()
    {
        if (_start == _end)
        {
            (_start, _end) = (0, 0);
        }
        else if (_end == _bytes.Length)
        {
            var unread = _end - _start;
            var target = unread > _bytes.Length / 2 ? new byte[_bytes.Length * 2] : _bytes;
            Buffer.BlockCopy(_bytes, _start, target, 0, unread);
            (_bytes, _start, _end) = (target, 0, unread);
        }

        return _bytes.AsMemory(_end);
    }
}
