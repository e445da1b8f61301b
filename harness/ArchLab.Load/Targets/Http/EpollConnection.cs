using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks.Sources;

namespace ArchLab.Load.Targets.Http;

/// <summary>
/// A non-blocking connection driven by an <see cref="EpollLoop"/>. The caller's thread connects and writes the
/// request; the loop's thread reads the answer and completes the request inline. A lock orders the two, and the
/// request's state decides what an event means (connected, writable again, answer bytes, or a close while idle).
/// </summary>
internal sealed class EpollConnection : IHttpConnection, IValueTaskSource<CallOutcome>
{
    private readonly Lock _gate = new();
    private readonly EpollLoop _loop;
    private readonly IPEndPoint _endPoint;
    private readonly Socket _socket;
    private long _id;
    private readonly HttpResponseParser _parser = new();
    private readonly ReceiveBuffer _receive = new();
    private ManualResetValueTaskSourceCore<CallOutcome> _completion; // continuations run inline on the loop
    private CancellationTokenRegistration _cancellation;
    private ReadOnlyMemory<byte> _unsent;
    private State _state;
    private bool _connected;

    public EpollConnection(EpollLoop loop, IPEndPoint endPoint)
    {
        _loop = loop;
        _endPoint = endPoint;
        _socket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true, Blocking = false };
    }

    private enum State
    {
        Idle,
        Reserved, // taken from the pool: a close noticed now belongs to the coming request
        Connecting,
        Sending,
        Receiving,
        Closed,
    }

    public bool Reusable => _state == State.Idle;

    public bool TryReserve()
    {
        lock (_gate)
        {
            if (_state != State.Idle)
            {
                return false;
            }

            _state = State.Reserved;
            return true;
        }
    }

    public RequestBuffer Request { get; } = new();

    public ValueTask<CallOutcome> ExchangeAsync(ReadOnlyMemory<byte> request, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            Close();
            return ValueTask.FromResult(CallOutcome.Timeout);
        }

        _completion.Reset();
        _cancellation = cancellationToken.UnsafeRegister(static c => ((EpollConnection)c!).OnCancelled(), this);
        if (cancellationToken.IsCancellationRequested)
        {
            _cancellation.Unregister(); // it fired before there was a request to cancel
            Close();
            return ValueTask.FromResult(CallOutcome.Timeout);
        }

        CallOutcome? outcome;
        lock (_gate)
        {
            _unsent = request;
            _parser.Reset();
            _receive.Clear();
            outcome = _state == State.Closed ? CallOutcome.Failed // disposed under it
                : _connected ? Send()
                : Connect();
        }

        if (outcome is { } done)
        {
            Complete(done);
        }

        return new ValueTask<CallOutcome>(this, _completion.Version);
    }

    /// <summary>On the loop's thread: the socket became readable, writable, or closed.</summary>
    public void OnReady(uint events)
    {
        CallOutcome? outcome;
        lock (_gate)
        {
            outcome = _state switch
            {
                State.Connecting or State.Sending => Send(), // connected (or refused), or room to write again
                State.Receiving => Receive(),
                State.Idle when (events & (EpollNative.In | EpollNative.ReadHangUp | EpollNative.HangUp | EpollNative.Error)) != 0
                    => CloseWhileIdle(),
                _ => null,
            };
        }

        if (outcome is { } done)
        {
            Complete(done);
        }
    }

    public void Dispose() => Close();

    /// <summary>On the loop's thread, when handling an event threw: the request out, if any, fails and the
    /// connection closes, so the failure is counted rather than lost.</summary>
    public void OnLoopFault()
    {
        bool wasOut;
        lock (_gate)
        {
            wasOut = _state is State.Connecting or State.Sending or State.Receiving;
            Close();
        }

        if (wasOut)
        {
            Complete(CallOutcome.Failed);
        }
    }

    CallOutcome IValueTaskSource<CallOutcome>.GetResult(short token) => _completion.GetResult(token);

    ValueTaskSourceStatus IValueTaskSource<CallOutcome>.GetStatus(short token) => _completion.GetStatus(token);

    void IValueTaskSource<CallOutcome>.OnCompleted(Action<object?> continuation, object? state, short token,
        ValueTaskSourceOnCompletedFlags flags) => _completion.OnCompleted(continuation, state, token, flags);

    private CallOutcome? Connect()
    {
        _state = State.Connecting;
        try
        {
            _socket.Connect(_endPoint);
        }
        catch (SocketException e) when (e.SocketErrorCode is SocketError.WouldBlock or SocketError.InProgress)
        {
            // The loop reports when the handshake is over. Watched only from now: epoll reports an unconnected
            // socket as hung up, which would read as a close.
            _id = _loop.Register(this, (int)_socket.Handle);
            return null;
        }
        catch (SocketException e)
        {
            return Fail(HttpOutcomes.FromSocketError(e.SocketErrorCode));
        }

        _id = _loop.Register(this, (int)_socket.Handle);
        return Send();
    }

    private CallOutcome? Send()
    {
        while (!_unsent.IsEmpty)
        {
            var sent = _socket.Send(_unsent.Span, SocketFlags.None, out var error);
            if (error == SocketError.WouldBlock)
            {
                _state = State.Sending;
                return null;
            }

            if (error != SocketError.Success)
            {
                return Fail(HttpOutcomes.FromSocketError(error)); // a failed connect shows here: refused
            }

            _connected = true;
            _unsent = _unsent[sent..];
        }

        // The answer cannot be read before this state is set: the loop needs the lock held here.
        _state = State.Receiving;
        return null;
    }

    private CallOutcome? Receive()
    {
        try
        {
            while (true)
            {
                var received = _socket.Receive(_receive.Free().Span, SocketFlags.None, out var error);
                if (error == SocketError.WouldBlock)
                {
                    return null;
                }

                if (error != SocketError.Success)
                {
                    return Fail(CallOutcome.Failed);
                }

                if (received == 0)
                {
                    _parser.PeerClosed();
                    var status = _parser.Head.Status;
                    Close();
                    return HttpOutcomes.FromStatus(status);
                }

                _receive.Received(received);
                _receive.Consume(_parser.Feed(_receive.Unread));
                if (_parser.IsComplete)
                {
                    var reusable = _parser.Reusable && _receive.IsEmpty;
                    if (reusable)
                    {
                        _state = State.Idle;
                    }
                    else
                    {
                        Close();
                    }

                    return HttpOutcomes.FromStatus(_parser.Head.Status);
                }
            }
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            return Fail(CallOutcome.Failed);
        }
    }

    private CallOutcome? CloseWhileIdle()
    {
        Close();
        return null;
    }

    private void OnCancelled()
    {
        bool wasOut;
        lock (_gate)
        {
            wasOut = _state is State.Connecting or State.Sending or State.Receiving;
            if (wasOut)
            {
                Close();
            }
        }

        if (wasOut)
        {
            Complete(CallOutcome.Timeout);
        }
    }

    private CallOutcome Fail(CallOutcome outcome)
    {
        Close();
        return outcome;
    }

    private void Close()
    {
        lock (_gate)
        {
            if (_state == State.Closed)
            {
                return;
            }

            _state = State.Closed;
            _socket.Dispose();
            _loop.Unregister(_id);
        }
    }

    // Outside the lock: the continuation runs inline and may start the next request on this very connection.
    private void Complete(CallOutcome outcome)
    {
        _cancellation.Unregister();
        _cancellation = default;
        _completion.SetResult(outcome);
    }
}
