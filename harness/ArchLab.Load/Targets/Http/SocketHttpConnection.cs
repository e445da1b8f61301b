using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;

namespace ArchLab.Load.Targets.Http;

/// <summary>
/// The portable transport: .NET's asynchronous sockets. Each answer hops from the socket engine's thread to the
/// thread pool, which costs a context switch per request; <see cref="EpollConnection"/> avoids it where it can.
/// </summary>
internal sealed class SocketHttpConnection : IHttpConnection
{
    private readonly EndPoint _endPoint;
    private readonly Socket _socket;
    private readonly HttpResponseParser _parser = new();
    private readonly ReceiveBuffer _receive = new();
    private bool _connected;

    public SocketHttpConnection(EndPoint endPoint)
    {
        _endPoint = endPoint;
        _socket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
    }

    public bool TryReserve() => !_connected || !_socket.Poll(0, SelectMode.SelectRead);

    public bool Reusable { get; private set; }

    public RequestBuffer Request { get; } = new();

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<CallOutcome> ExchangeAsync(ReadOnlyMemory<byte> request, CancellationToken cancellationToken)
    {
        Reusable = false;
        try
        {
            if (!_connected)
            {
                await _socket.ConnectAsync(_endPoint, cancellationToken);
                _connected = true;
            }

            while (!request.IsEmpty)
            {
                var sent = await _socket.SendAsync(request, SocketFlags.None, cancellationToken);
                request = request[sent..];
            }

            _parser.Reset();
            _receive.Clear();
            while (true)
            {
                _receive.Consume(_parser.Feed(_receive.Unread));
                if (_parser.IsComplete)
                {
                    Reusable = _parser.Reusable && _receive.IsEmpty;
                    return HttpOutcomes.FromStatus(_parser.Head.Status);
                }

                var received = await _socket.ReceiveAsync(_receive.Free(), SocketFlags.None, cancellationToken);
                if (received == 0)
                {
                    _parser.PeerClosed();
                    return HttpOutcomes.FromStatus(_parser.Head.Status);
                }

                _receive.Received(received);
            }
        }
#pragma warning disable CA1031 // Every failure of a request is that request's outcome.
        catch (Exception e)
#pragma warning restore CA1031
        {
            return HttpOutcomes.FromException(e, cancellationToken);
        }
    }

    public void Dispose() => _socket.Dispose();
}
