using System.Net;
using System.Net.Sockets;

namespace ArchLab.Unit.Tests.Proxy;

/// <summary>A TCP server on 127.0.0.1 (port chosen by the system) that runs a handler for each connection: the upstream
/// behind the proxy under test.</summary>
internal sealed class TcpTestServer : IAsyncDisposable
{
    private readonly Socket _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private readonly List<Task> _handlers = [];
    private int _accepted;

    private TcpTestServer(Func<Socket, CancellationToken, Task> handler)
    {
        _listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        _listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _listener.Listen(128);
        Endpoint = (IPEndPoint)_listener.LocalEndPoint!;
        _accepting = AcceptAsync(handler);
    }

    public IPEndPoint Endpoint { get; }

    /// <summary><c>127.0.0.1:port</c>, as a proxy's upstream.</summary>
    public string Address => Endpoint.ToString();

    public int Accepted => Volatile.Read(ref _accepted);

    public static TcpTestServer Start(Func<Socket, CancellationToken, Task> handler) => new(handler);

    /// <summary>Sends back every byte it reads; closes its side after the client's end of stream.</summary>
    public static TcpTestServer Echo() => new(static async (socket, token) =>
    {
        var buffer = new byte[64 * 1024];
        while (true)
        {
            var read = await socket.ReceiveAsync(buffer, SocketFlags.None, token);
            if (read == 0)
            {
                socket.Shutdown(SocketShutdown.Send);
                return;
            }

            await socket.SendAsync(buffer.AsMemory(0, read), SocketFlags.None, token);
        }
    });

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Dispose();
        await _accepting;
        Task[] handlers;
        lock (_handlers)
        {
            handlers = [.. _handlers];
        }

        await Task.WhenAll(handlers);
        _stop.Dispose();
    }

    private async Task AcceptAsync(Func<Socket, CancellationToken, Task> handler)
    {
        while (true)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptAsync(_stop.Token);
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException)
            {
                return;
            }

            Interlocked.Increment(ref _accepted);
            socket.NoDelay = true;
            lock (_handlers)
            {
                _handlers.Add(RunAsync(socket, handler));
            }
        }
    }

    private async Task RunAsync(Socket socket, Func<Socket, CancellationToken, Task> handler)
    {
        using (socket)
        {
            try
            {
                await handler(socket, _stop.Token);
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException)
            {
                // the proxy or the test closed the connection
            }
        }
    }
}
