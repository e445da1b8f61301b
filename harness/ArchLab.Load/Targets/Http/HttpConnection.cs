using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;

namespace ArchLab.Load.Targets.Http;

/// <summary>
/// One keep-alive HTTP/1.1 connection carrying one request at a time. Buffers are its own and reused, and socket
/// operations complete through the socket's cached awaitables, so a request allocates nothing.
/// </summary>
internal sealed class HttpConnection : IDisposable
{
    private const int ReceiveSize = 16 * 1024;
    private const int MaxHead = 64 * 1024;

    private readonly Socket _socket;
    private byte[] _receive = new byte[ReceiveSize];
    private byte[] _send;
    private int _start;
    private int _end;

    private HttpConnection(Socket socket, int sendSize)
    {
        _socket = socket;
        _send = new byte[sendSize];
    }

    public static async ValueTask<HttpConnection> ConnectAsync(EndPoint endPoint, int sendSize, CancellationToken cancellationToken)
    {
        var socket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(endPoint, cancellationToken);
            return new HttpConnection(socket, sendSize);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Whether the peer closed (or wrote unasked) while the connection sat idle: such a connection would fail the
    /// next request for a reason that is not the request's, so the pool drops it instead.
    /// </summary>
    public bool IsStale => _socket.Poll(0, SelectMode.SelectRead);

    /// <summary>Sends one request and reads the whole response; returns the status and whether the connection
    /// may carry another request.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<(int Status, bool Reusable)> ExchangeAsync(
        HttpRequestEncoder encoder, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        await SendAsync(encoder, body, cancellationToken);
        HttpResponseHead head;
        while (true)
        {
            head = await ReadHeadAsync(cancellationToken);
            if (head.Status >= 200 || head.Status == 101)
            {
                break; // 100 Continue and other interim answers are followed by the real one
            }
        }

        var reusable = head.KeepAlive && head.Status != 101;
        if (!head.HasBody)
        {
            // no body to read
        }
        else if (head.Chunked)
        {
            await SkipChunkedAsync(cancellationToken);
        }
        else if (head.ContentLength >= 0)
        {
            await SkipAsync(head.ContentLength, cancellationToken);
        }
        else
        {
            await SkipToEndAsync(cancellationToken); // framed by the close: the connection is spent
            reusable = false;
        }

        return (head.Status, reusable && _start == _end);
    }

    public void Dispose() => _socket.Dispose();

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask SendAsync(HttpRequestEncoder encoder, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        var total = encoder.MaxHeadLength + body.Length;
        if (total > _send.Length && total <= MaxHead * 4)
        {
            _send = new byte[total];
        }

        var headLength = encoder.WriteHead(_send, body.Length);
        if (headLength + body.Length <= _send.Length)
        {
            body.Span.CopyTo(_send.AsSpan(headLength));
            await SendAllAsync(_send.AsMemory(0, headLength + body.Length), cancellationToken);
            return;
        }

        await SendAllAsync(_send.AsMemory(0, headLength), cancellationToken);
        await SendAllAsync(body, cancellationToken);
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask SendAllAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        while (!data.IsEmpty)
        {
            var sent = await _socket.SendAsync(data, SocketFlags.None, cancellationToken);
            data = data[sent..];
        }
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<HttpResponseHead> ReadHeadAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            if (_end > _start && HttpResponseHead.TryParse(_receive.AsSpan(_start, _end - _start), out var head, out var used))
            {
                _start += used;
                return head;
            }

            if (_end - _start >= MaxHead)
            {
                throw new InvalidDataException("A response head larger than 64 KiB.");
            }

            if (!await ReceiveAsync(cancellationToken))
            {
                throw new IOException("The server closed the connection before answering.");
            }
        }
    }

    private async ValueTask SkipAsync(long length, CancellationToken cancellationToken)
    {
        while (true)
        {
            var skip = (int)Math.Min(length, _end - _start);
            _start += skip;
            length -= skip;
            if (length == 0)
            {
                return;
            }

            if (!await ReceiveAsync(cancellationToken))
            {
                throw new IOException("The server closed the connection in the middle of a body.");
            }
        }
    }

    private async ValueTask SkipChunkedAsync(CancellationToken cancellationToken)
    {
        var reader = new ChunkedBodyReader();
        while (true)
        {
            var done = reader.Consume(_receive.AsSpan(_start, _end - _start), out var used);
            _start += used;
            if (done)
            {
                return;
            }

            if (!await ReceiveAsync(cancellationToken))
            {
                throw new IOException("The server closed the connection in the middle of a chunked body.");
            }
        }
    }

    private async ValueTask SkipToEndAsync(CancellationToken cancellationToken)
    {
        do
        {
            _start = _end;
        }
        while (await ReceiveAsync(cancellationToken));
    }

    /// <summary>Reads more bytes after the unread ones (moved to the front, growing the buffer for a large head);
    /// false when the peer has closed.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<bool> ReceiveAsync(CancellationToken cancellationToken)
    {
        if (_start == _end)
        {
            _start = _end = 0;
        }
        else if (_end == _receive.Length)
        {
            var unread = _end - _start;
            var target = unread > _receive.Length / 2 ? new byte[_receive.Length * 2] : _receive;
            Buffer.BlockCopy(_receive, _start, target, 0, unread);
            (_receive, _start, _end) = (target, 0, unread);
        }

        var received = await _socket.ReceiveAsync(_receive.AsMemory(_end), SocketFlags.None, cancellationToken);
        _end += received;
        return received > 0;
    }
}
