using System.Net;
using System.Net.Sockets;
using ArchLab.Proxy.Proxies;
using ArchLab.Proxy.Toxics;

namespace ArchLab.Proxy.Links;

/// <summary>
/// A client connection and the upstream connection opened for it, joined by two <see cref="Link"/>s. It ends when both
/// directions have passed on their end of stream, or at once when either side fails, a toxic closes it, or the proxy
/// is disabled.
/// </summary>
internal sealed class Connection
{
    private readonly TcpProxy _proxy;
    private readonly Socket _client;
    private readonly Socket _upstream;
    private readonly EndPoint _upstreamEndpoint;
    private readonly FaultProxyOptions _options;
    private readonly CancellationTokenSource _closing = new();
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _closed;

    public Connection(TcpProxy proxy, Socket client, (string Host, int Port) upstream, FaultProxyOptions options)
    {
        _proxy = proxy;
        _client = client;
        _options = options;
        if (IPAddress.TryParse(upstream.Host, out var address))
        {
            _upstreamEndpoint = new IPEndPoint(address, upstream.Port);
            _upstream = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        }
        else
        {
            _upstreamEndpoint = new DnsEndPoint(upstream.Host, upstream.Port);
            _upstream = new Socket(SocketType.Stream, ProtocolType.Tcp); // dual mode: the name may resolve to either family
        }

        // Small writes go out at once, as from Toxiproxy (Go sets TCP_NODELAY): the proxy must not add Nagle's delay.
        _client.NoDelay = true;
        _upstream.NoDelay = true;
    }

    public Link? Up { get; private set; }

    public Link? Down { get; private set; }

    public bool IsClosed => Volatile.Read(ref _closed) != 0;

    /// <summary>Completes once both directions have stopped and every buffer is back in the pool.</summary>
    public Task Completion => _completion.Task;

    public void Start() => _ = Task.Run(RunAsync);

    public Link? LinkFor(ToxicStream stream) => stream == ToxicStream.Upstream ? Up : Down;

    /// <summary>Creates both directions. Called by the proxy under its lock, which then gives each its toxics.</summary>
    public void CreateLinks(TrafficCounters counters, Random upstreamRandom, Random downstreamRandom)
    {
        Up = new Link(this, _client, _upstream, counters.Upstream, _options, upstreamRandom);
        Down = new Link(this, _upstream, _client, counters.Downstream, _options, downstreamRandom);
    }

    /// <summary>Ends the connection, once: with a FIN both ways, or with a RST when <paramref name="reset"/>
    /// (SO_LINGER 0). Safe from any thread, at any time.</summary>
    public void Close(bool reset)
    {
        if (Interlocked.Exchange(ref _closed, 1) != 0)
        {
            return;
        }

        _closing.Cancel();
        foreach (var socket in new[] { _client, _upstream })
        {
            try
            {
                if (reset)
                {
                    socket.LingerState = new LingerOption(true, 0);
                    socket.Dispose();
                }
                else
                {
                    // A shutdown, not a dispose: disposing a socket with a read pending resets it on Linux. The shutdown
                    // sends the FIN and ends the pending reads; the sockets are disposed once both directions stop.
                    socket.Shutdown(SocketShutdown.Both);
                }
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                // not connected yet, or already gone
            }
        }

        Up?.Abort();
        Down?.Abort();
    }

    private async Task RunAsync()
    {
        try
        {
            if (await ConnectAsync() && _proxy.Attach(this))
            {
                await Task.WhenAll(Up!.RunAsync(), Down!.RunAsync());
            }
        }
        finally
        {
            Close(reset: false);
            _client.Dispose();
            _upstream.Dispose();
            _proxy.Detach(this);
            _completion.TrySetResult();
        }
    }

    private async Task<bool> ConnectAsync()
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(_closing.Token);
        deadline.CancelAfter(_options.ConnectTimeout);
        try
        {
            await _upstream.ConnectAsync(_upstreamEndpoint, deadline.Token);
            return true;
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException or ObjectDisposedException)
        {
            if (!IsClosed)
            {
                _proxy.ConnectFailed();
            }

            return false;
        }
    }
}
