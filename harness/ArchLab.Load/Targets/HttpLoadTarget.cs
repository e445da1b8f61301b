using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using ArchLab.Load.Targets.Http;

namespace ArchLab.Load.Targets;

/// <summary>
/// POSTs a body to a URL over lean HTTP/1.1 keep-alive connections: one connection per request in flight, reused
/// from a pool that the engine's in-flight bound (MaxInFlight, or Users) keeps bounded. Written over
/// <see cref="Socket"/> because HttpClient costs too much CPU per request to drive a loopback service near its
/// limit on two cores (see the ceiling benchmark); <see cref="HttpClientLoadTarget"/> remains for comparison.
/// 2xx is accepted; another status is rejected with its code; a refused connection is refused; the engine's
/// cancellation is a timeout; anything else (reset, closed mid-answer, garbage) failed.
/// </summary>
public sealed class HttpLoadTarget : ILoadTarget, IDisposable
{
    private readonly Lock _gate = new();
    private readonly Stack<HttpConnection> _idle = new();
    private readonly HttpRequestEncoder _encoder;
    private readonly Func<long, ReadOnlyMemory<byte>> _body;
    private readonly EndPoint _endPoint;
    private bool _disposed;

    public HttpLoadTarget(HttpTargetOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _encoder = new HttpRequestEncoder(options);
        _body = options.Body;
        _endPoint = IPAddress.TryParse(options.Url.IdnHost, out var address)
            ? new IPEndPoint(address, options.Url.Port)
            : new DnsEndPoint(options.Url.IdnHost, options.Url.Port);
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<CallOutcome> SendAsync(long seq, CancellationToken cancellationToken)
    {
        HttpConnection? connection = null;
        var reusable = false;
        try
        {
            connection = TakeIdle()
                ?? await HttpConnection.ConnectAsync(_endPoint, _encoder.MaxHeadLength + 4096, cancellationToken);
            var (status, keepAlive) = await connection.ExchangeAsync(_encoder, _body(seq), cancellationToken);
            reusable = keepAlive;
            return status is >= 200 and < 300 ? CallOutcome.Accepted(status) : CallOutcome.Rejected(status);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return CallOutcome.Timeout;
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionRefused)
        {
            return CallOutcome.Refused;
        }
#pragma warning disable CA1031 // Every other failure of a request is that request's outcome, not the run's.
        catch (Exception)
#pragma warning restore CA1031
        {
            return CallOutcome.Failed;
        }
        finally
        {
            if (connection is not null)
            {
                if (reusable)
                {
                    GiveBack(connection);
                }
                else
                {
                    connection.Dispose();
                }
            }
        }
    }

    /// <summary>Closes the idle connections; requests still out close theirs when they end.</summary>
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
    }

    private HttpConnection? TakeIdle()
    {
        while (true)
        {
            HttpConnection? connection;
            lock (_gate)
            {
                ObjectDisposedException.ThrowIf(_disposed, this);
                if (!_idle.TryPop(out connection))
                {
                    return null;
                }
            }

            if (!connection.IsStale)
            {
                return connection;
            }

            connection.Dispose();
        }
    }

    private void GiveBack(HttpConnection connection)
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
