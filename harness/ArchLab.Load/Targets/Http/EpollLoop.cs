using System.Collections.Concurrent;
using System.Runtime.InteropServices;

namespace ArchLab.Load.Targets.Http;

/// <summary>
/// One thread waiting on an epoll set of non-blocking connections, as wrk's event loop does. An answer is read and
/// its request completed right on this thread, and the engine's continuation (record, send the next request) runs
/// inline too: no hop to the thread pool, so no context switch per request, and one wake-up serves every connection
/// that became ready together. That is what lets a .NET client come near wrk on two cores.
/// </summary>
internal sealed unsafe class EpollLoop : IDisposable
{
    private const int MaxEvents = 256;
    private const int WaitMs = 200; // how soon the thread notices Dispose

    private readonly ConcurrentDictionary<long, EpollConnection> _connections = new();
    private readonly int _epoll;
    private readonly Thread _thread;
    private long _nextId;
    private volatile bool _disposed;

    public EpollLoop()
    {
        _epoll = EpollNative.Create(EpollNative.CloseOnExec);
        if (_epoll < 0)
        {
            throw new InvalidOperationException($"epoll_create1 failed: errno {Marshal.GetLastPInvokeError()}.");
        }

        _thread = new Thread(Run) { Name = "load-http-epoll", IsBackground = true };
        _thread.Start();
    }

    public static bool IsSupported => OperatingSystem.IsLinux() && RuntimeInformation.ProcessArchitecture == Architecture.X64;

    /// <summary>Watches a socket, edge-triggered, for the life of its connection.</summary>
    public long Register(EpollConnection connection, int fd)
    {
        var id = Interlocked.Increment(ref _nextId);
        _connections[id] = connection;
        var change = new EpollNative.Event
        {
            Events = EpollNative.In | EpollNative.Out | EpollNative.ReadHangUp | EpollNative.EdgeTriggered,
            Data = (ulong)id,
        };
        if (EpollNative.Control(_epoll, EpollNative.CtlAdd, fd, ref change) != 0)
        {
            _connections.TryRemove(id, out _);
            throw new InvalidOperationException($"epoll_ctl failed: errno {Marshal.GetLastPInvokeError()}.");
        }

        return id;
    }

    /// <summary>Forgets a connection; closing its socket has already taken it out of the epoll set.</summary>
    public void Unregister(long id) => _connections.TryRemove(id, out _);

    public void Dispose()
    {
        _disposed = true;
        if (Thread.CurrentThread != _thread)
        {
            _thread.Join();
        }

        EpollNative.Close(_epoll);
    }

    private void Run()
    {
        var events = stackalloc EpollNative.Event[MaxEvents];
        while (!_disposed)
        {
            var ready = EpollNative.Wait(_epoll, events, MaxEvents, WaitMs);
            for (var i = 0; i < ready; i++)
            {
                if (!_connections.TryGetValue((long)events[i].Data, out var connection))
                {
                    continue;
                }

                try
                {
                    connection.OnReady(events[i].Events);
                }
#pragma warning disable CA1031 // An exception must not end the loop (every connection on it would hang) or the process.
                catch (Exception)
#pragma warning restore CA1031
                {
                    connection.OnLoopFault();
                }
            }
        }
    }
}
