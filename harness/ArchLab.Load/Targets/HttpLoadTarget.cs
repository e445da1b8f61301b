using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using ArchLab.Load.Targets.Http;

namespace ArchLab.Load.Targets;

/// <summary>
/// POSTs a body to a URL over lean HTTP/1.1 keep-alive connections: one connection per request in flight, reused
/// from a pool that the engine's in-flight bound (MaxInFlight, or Users) keeps bounded. On Linux x86-64 the
/// connections are driven by an epoll loop of its own (<see cref="EpollLoop"/>), elsewhere by .NET's asynchronous
/// sockets. HttpClient spends too much CPU per request to drive a loopback service near its limit on two cores
/// (see the ceiling benchmark); <see cref="HttpClientLoadTarget"/> remains for comparison.
/// 2xx is accepted; another status is rejected with its code; a refused connection is refused; the engine's
/// cancellation is a timeout; anything else (reset, closed mid-answer, garbage) failed.
/// </summary>
public sealed class HttpLoadTarget : ILoadTarget, IDisposable
{
    private readonly Lock _gate = new();
    private readonly Stack<IHttpConnection> _idle = new();
    private readonly HttpRequestEncoder _encoder;
    private readonly Func<long, ReadOnlyMemory<byte>> _body;
    private readonly IPEndPoint _endPoint;
    private readonly EpollLoop[] _loops;
    private int _nextLoop;
    private bool _disposed;

    /// <param name="options">What to send.</param>
    /// <param name="useEpoll">Whether to drive connections with an epoll loop where one is supported. Default: true.</param>
    public HttpLoadTarget(HttpTargetOptions options, bool useEpoll = true)
    {
        ArgumentNullException.ThrowIfNull(options);
        _encoder = new HttpRequestEncoder(options);
        _body = options.Body;
        _endPoint = Resolve(options.Url);
        // Two loops, as wrk runs two threads on two cores: one thread alone serialises every answer and caps the rate.
        var loops = Math.Clamp(Environment.ProcessorCount, 1, 2);
        _loops = useEpoll && EpollLoop.IsSupported ? [.. Enumerable.Range(0, loops).Select(_ => new EpollLoop())] : [];
    }

    /// <summary>"epoll" or "sockets": which transport carries the requests.</summary>
    public string Transport => _loops.Length == 0 ? "sockets" : "epoll";

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<CallOutcome> SendAsync(long seq, CancellationToken cancellationToken)
    {
        var connection = TakeIdle() ?? Open();
        try
        {
            var request = connection.Request.Encode(_encoder, _body(seq).Span, _encoder.SeqHeaderValue(seq));
            return await connection.ExchangeAsync(request, cancellationToken);
        }
        finally
        {
            if (connection.Reusable)
            {
                GiveBack(connection);
            }
            else
            {
                connection.Dispose();
            }
        }
    }

    /// <summary>Closes the idle connections and the loop; requests still out fail.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            while (_idle.TryPop(out var connection))
            {
                connection.Dispose();
            }
        }

        foreach (var loop in _loops)
        {
            loop.Dispose();
        }
    }

    // The lab targets loopback addresses; a host name is resolved once, here, so no request waits on DNS.
    private static IPEndPoint Resolve(Uri url)
    {
        var address = IPAddress.TryParse(url.IdnHost, out var parsed)
            ? parsed
            : Dns.GetHostAddresses(url.IdnHost).OrderBy(a => a.AddressFamily != AddressFamily.InterNetwork).First();
        return new IPEndPoint(address, url.Port);
    }

    private IHttpConnection Open() =>
        _loops.Length == 0
            ? new SocketHttpConnection(_endPoint)
            : new EpollConnection(_loops[(int)((uint)Interlocked.Increment(ref _nextLoop) % _loops.Length)], _endPoint);

    private IHttpConnection? TakeIdle()
    {
        while (true)
        {
            IHttpConnection? connection;
            lock (_gate)
            {
                ObjectDisposedException.ThrowIf(_disposed, this);
                if (!_idle.TryPop(out connection))
                {
                    return null;
                }
            }

            if (connection.TryReserve())
            {
                return connection;
            }

            connection.Dispose();
        }
    }

    private void GiveBack(IHttpConnection connection)
    {
        lock (_gate)
        {
            if (!_disposed)
            {
                _idle.Push(connection);
                return;
            }
        }

        connection.Dispose();
    }
}
