namespace ArchLab.Load.Targets.Http;

/// <summary>
/// Follows one response as its bytes arrive: the head, then the body framed by Content-Length, chunks or the close
/// of the connection. The body is discarded; the load engine needs the status and where the answer ends.
/// Reused response after response through <see cref="Reset"/>. Shared by both transports.
/// </summary>
internal sealed class HttpResponseParser
{
    private const int MaxHead = 64 * 1024;

    private State _state;
    private long _remaining;
    private ChunkedBodyReader _chunked;
    private bool _closeFramed;

    private enum State
    {
        Head,
        Length,
        Chunked,
        UntilClose,
        Done,
    }

    public HttpResponseHead Head { get; private set; }

    public bool IsComplete => _state == State.Done;

    /// <summary>Whether the connection may carry another request once this response is complete.</summary>
    public bool Reusable => Head.KeepAlive && Head.Status != 101 && _state == State.Done && !_closeFramed;

    public void Reset()
    {
        _state = State.Head;
        _remaining = 0;
        _chunked = default;
        _closeFramed = false;
        Head = default;
    }

    /// <summary>
    /// Consumes what it can of <paramref name="data"/> and returns how much. A head is consumed only whole, so
    /// when it returns 0 before <see cref="IsComplete"/> the caller must keep the bytes and add more.
    /// Throws <see cref="InvalidDataException"/> on a malformed answer.
    /// </summary>
    public int Feed(ReadOnlySpan<byte> data)
    {
        var consumed = 0;
        while (_state != State.Done)
        {
            var available = data[consumed..];
            switch (_state)
            {
                case State.Head:
                    if (!HttpResponseHead.TryParse(available, out var head, out var used))
                    {
                        if (available.Length >= MaxHead)
                        {
                            throw new InvalidDataException("A response head larger than 64 KiB.");
                        }

                        return consumed;
                    }

                    consumed += used;
                    if (head.Status < 200 && head.Status != 101)
                    {
                        break; // 100 Continue and other interim answers: the real one follows
                    }

                    Head = head;
                    _state = !head.HasBody ? State.Done
                        : head.Chunked ? State.Chunked
                        : head.ContentLength >= 0 ? State.Length
                        : State.UntilClose;
                    _remaining = head.ContentLength;
                    break;

                case State.Length:
                    var skip = (int)Math.Min(_remaining, available.Length);
                    consumed += skip;
                    _remaining -= skip;
                    if (_remaining > 0)
                    {
                        return consumed;
                    }

                    _state = State.Done;
                    break;

                case State.Chunked:
                    var done = _chunked.Consume(available, out var chunkBytes);
                    consumed += chunkBytes;
                    if (!done)
                    {
                        return consumed;
                    }

                    _state = State.Done;
                    break;

                default: // until close: everything is body
                    return consumed + available.Length;
            }
        }

        return consumed;
    }

    /// <summary>The peer closed the connection: the end of a close-framed body, or a failure anywhere else.</summary>
    public void PeerClosed()
    {
        if (_state != State.UntilClose)
        {
            throw new IOException(_state == State.Head
                ? "The server closed the connection before answering."
                : "The server closed the connection in the middle of a body.");
        }

        _state = State.Done;
        _closeFramed = true;
    }
}
