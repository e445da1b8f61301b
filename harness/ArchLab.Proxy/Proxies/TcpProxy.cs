using System.Net;
using System.Net.Sockets;
using ArchLab.Proxy.Links;
using ArchLab.Proxy.Toxics;

namespace ArchLab.Proxy.Proxies;

/// <summary>
/// A proxy of a <see cref="FaultProxy"/>: listens on a loopback port and, for each connection accepted, opens one to
/// the upstream and pipes both directions through its toxics. Read its state here; change it through the
/// <see cref="FaultProxy"/>. Thread safe.
/// </summary>
public sealed partial class TcpProxy
{
    private readonly Lock _gate = new();
    private readonly FaultProxyOptions _options;
    private readonly TrafficCounters _counters = new();
    private readonly HashSet<Connection> _connections = [];

    // Guarded by _gate.
    private readonly Random _random;
    private Socket? _listener;
    private Task _accepting = Task.CompletedTask;
    private IPEndPoint _listen;
    private string _upstream;
    private (string Host, int Port) _upstreamAddress;

    internal TcpProxy(ProxyOptions options, FaultProxyOptions runtime, Random random)
    {
        Name = options.Name;
        _listen = options.Listen;
        _upstream = options.Upstream;
        _upstreamAddress = Addresses.ParseUpstream(options.Upstream);
        _options = runtime;
        _random = random;
    }

    public string Name { get; }

    /// <summary>Where it listens: the port the system chose once it first listened. It listens there again when
    /// enabled again.</summary>
    public IPEndPoint ListenEndpoint
    {
        get
        {
            lock (_gate)
            {
                return _listen;
            }
        }
    }

    /// <summary><see cref="ListenEndpoint"/> as Toxiproxy writes it, e.g. <c>127.0.0.1:41234</c>.</summary>
    public string Listen => Addresses.Format(ListenEndpoint);

    /// <summary>Where connections go, <c>host:port</c>.</summary>
    public string Upstream
    {
        get
        {
            lock (_gate)
            {
                return _upstream;
            }
        }
    }

    /// <summary>Whether it listens now.</summary>
    public bool Enabled
    {
        get
        {
            lock (_gate)
            {
                return _listener is not null;
            }
        }
    }

    /// <summary>Connections and bytes so far.</summary>
    public ProxyCounters Counters => _counters.Snapshot();

    /// <summary>Listens, if it does not already. Throws <see cref="ProxyException"/> (<see cref="ProxyError.ListenFailed"/>)
    /// when the address cannot be bound.</summary>
    internal void Start()
    {
        lock (_gate)
        {
            if (_listener is not null)
            {
                return;
            }

            var socket = new Socket(_listen.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                socket.Bind(_listen);
                socket.Listen(512);
            }
            catch (SocketException e)
            {
                socket.Dispose();
                throw new ProxyException(ProxyError.ListenFailed, $"listen tcp {Addresses.Format(_listen)}: {e.Message}", e);
            }

            _listen = (IPEndPoint)socket.LocalEndPoint!;
            _listener = socket;
            _accepting = Task.Run(() => AcceptLoopAsync(socket));
        }
    }

    /// <summary>Stops listening and closes every open connection; returns once they are all gone.</summary>
    internal async Task StopAsync()
    {
        Socket? listener;
        Task accepting;
        Connection[] open;
        lock (_gate)
        {
            listener = _listener;
            if (listener is null)
            {
                return;
            }

            _listener = null;
            accepting = _accepting;
            open = [.. _connections];
        }

        listener.Dispose();
        foreach (var connection in open)
        {
            connection.Close(reset: false);
        }

        await accepting;
        await Task.WhenAll(open.Select(c => c.Completion));
    }

    /// <summary>Takes new addresses (restarting when they change, as Toxiproxy does) and the enabled state. A listen port
    /// of 0 on the same address keeps the current port.</summary>
    internal async Task UpdateAsync(ProxyOptions options)
    {
        var upstream = Addresses.ParseUpstream(options.Upstream);
        bool moved;
        lock (_gate)
        {
            moved = !options.Listen.Address.Equals(_listen.Address)
                || (options.Listen.Port != 0 && options.Listen.Port != _listen.Port)
                || options.Upstream != _upstream;
        }

        if (moved)
        {
            await StopAsync();
            lock (_gate)
            {
                if (!options.Listen.Address.Equals(_listen.Address) || options.Listen.Port != 0)
                {
                    _listen = options.Listen;
                }

                _upstream = options.Upstream;
                _upstreamAddress = upstream;
            }
        }

        if (options.Enabled)
        {
            Start();
        }
        else
        {
            await StopAsync();
        }
    }

    /// <summary>Whether an existing proxy already is what <paramref name="options"/> asks for (populate keeps it then).</summary>
    internal bool Matches(ProxyOptions options)
    {
        lock (_gate)
        {
            return options.Upstream == _upstream && options.Listen.Equals(_listen);
        }
    }

    internal void ConnectFailed() => _counters.ConnectFailed();

    private async Task AcceptLoopAsync(Socket listener)
    {
        while (true)
        {
            Socket client;
            try
            {
                client = await listener.AcceptAsync();
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                if (!IsListening(listener))
                {
                    return; // stopped
                }

                await Task.Delay(10); // out of file descriptors or similar: try again without spinning
                continue;
            }

            Connection? connection = null;
            lock (_gate)
            {
                if (_listener == listener)
                {
                    connection = new Connection(this, client, _upstreamAddress, _options);
                    _connections.Add(connection);
                    _counters.Opened();
                }
            }

            if (connection is null)
            {
                client.Dispose(); // accepted while stopping
                return;
            }

            connection.Start();
        }
    }

    private bool IsListening(Socket listener)
    {
        lock (_gate)
        {
            return _listener == listener;
        }
    }

    /// <summary>The upstream answered: give the connection its directions and their toxics. False if it closed meanwhile.</summary>
    internal bool Attach(Connection connection)
    {
        lock (_gate)
        {
            if (connection.IsClosed)
            {
                return false;
            }

            connection.CreateLinks(_counters, new Random(_random.Next()), new Random(_random.Next()));
            connection.Up!.Reconcile(_upstreamToxics, _random);
            connection.Down!.Reconcile(_downstreamToxics, _random);
            return true;
        }
    }

    internal void Detach(Connection connection)
    {
        lock (_gate)
        {
            if (!_connections.Remove(connection))
            {
                return;
            }

            connection.Up?.Detach();
            connection.Down?.Detach();
        }

        _counters.Closed();
    }
}
