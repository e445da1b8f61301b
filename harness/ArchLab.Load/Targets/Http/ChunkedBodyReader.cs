using System.Buffers.Text;

namespace ArchLab.Load.Targets.Http;

/// <summary>
/// Walks a chunked body (RFC 9112 section 7.1) as bytes arrive, discarding the data: the load engine only needs to
/// know where the body ends so the connection can carry the next request.
/// </summary>
internal struct ChunkedBodyReader
{
    private const int MaxLine = 4096;

    private State _state;
    private long _remaining;

    private enum State
    {
        Size,
        Data,
        DataEnd,
        Trailer,
        Done,
    }

    /// <summary>Consumes what it can of <paramref name="data"/>; true once the whole body (trailers included) is read.
    /// Throws <see cref="InvalidDataException"/> on a malformed body.</summary>
    public bool Consume(ReadOnlySpan<byte> data, out int consumed)
    {
        consumed = 0;
        while (_state != State.Done)
        {
            var available = data[consumed..];
            switch (_state)
            {
                case State.Data:
                    var skip = (int)Math.Min(_remaining, available.Length);
                    consumed += skip;
                    _remaining -= skip;
                    if (_remaining > 0)
                    {
                        return false;
                    }

                    _state = State.DataEnd;
                    break;

                case State.DataEnd:
                    if (available.Length < 2)
                    {
                        return false;
                    }

                    if (available[0] != (byte)'\r' || available[1] != (byte)'\n')
                    {
                        throw new InvalidDataException("A chunk not followed by CRLF.");
                    }

                    consumed += 2;
                    _state = State.Size;
                    break;

                default:
                    if (!TryTakeLine(available, out var line, out var lineLength))
                    {
                        return false;
                    }

                    consumed += lineLength;
                    if (_state == State.Size)
                    {
                        _remaining = ParseSize(line);
                        _state = _remaining == 0 ? State.Trailer : State.Data;
                    }
                    else if (line.IsEmpty)
                    {
                        _state = State.Done;
                    }

                    break;
            }
        }

        return true;
    }

    private static bool TryTakeLine(ReadOnlySpan<byte> available, out ReadOnlySpan<byte> line, out int length)
    {
        var end = available.IndexOf("\r\n"u8);
        if (end < 0)
        {
            if (available.Length > MaxLine)
            {
                throw new InvalidDataException("A chunk size or trailer line too long.");
            }

            line = default;
            length = 0;
            return false;
        }

        line = available[..end];
        length = end + 2;
        return true;
    }

    private static long ParseSize(ReadOnlySpan<byte> line)
    {
        var extension = line.IndexOf((byte)';');
        var digits = (extension < 0 ? line : line[..extension]).Trim(" \t"u8);
        if (!Utf8Parser.TryParse(digits, out long size, out var used, 'X') || used != digits.Length || digits.IsEmpty || size < 0)
        {
            throw new InvalidDataException("An invalid chunk size.");
        }

        return size;
    }
}
