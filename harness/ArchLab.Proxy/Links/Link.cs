using System.Buffers;
using System.Net.Sockets;
using System.Threading.Channels;
using ArchLab.Proxy.Proxies;
using ArchLab.Proxy.Toxics;

namespace ArchLab.Proxy.Links;

/// <summary>
/// One direction of a connection: bytes read from <c>source</c> go to <c>destination</c>. With no toxic acting, the
/// reader writes each chunk itself, a straight copy. Otherwise chunks queue, in order, for a writer that plans each one
/// through the toxics (<see cref="ChunkPlan"/>). Whichever writes, order is kept: the reader writes only when nothing
/// is queued or being written, and a change of the toxics only re-plans the chunk at the head of the queue, so no byte
/// is lost or reordered (Toxiproxy re-links its chain of stubs and flushes them for the same guarantee).
/// </summary>
internal sealed partial class Link
{
    private readonly Connection _connection;
    private readonly Socket _source;
    private readonly Socket _destination;
    private readonly DirectionCounters _counters;
    private readonly int _bufferSize;
    private readonly Random _random;
    private readonly Channel<Chunk> _queue;
    private readonly WakeableDelay _wake = new();

    // Guarded by the proxy's lock: the state of every toxic on the proxy for this direction, by toxic id.
    private readonly Dictionary<long, ToxicState> _states = [];

    // The toxics acting on this direction, in chain order; replaced whole, read without a lock.
    private ActiveToxic[] _chain = [];

    // Chunks queued or being written by the writer.
    private int _inFlight;
    private Task? _writer;

    public Link(Connection connection, Socket source, Socket destination, DirectionCounters counters, FaultProxyOptions options, Random random)
    {
        _connection = connection;
        _source = source;
        _destination = destination;
        _counters = counters;
        _bufferSize = options.BufferSize;
        _random = random;
        _queue = Channel.CreateBounded<Chunk>(new BoundedChannelOptions(options.QueuedChunks)
        {
            SingleReader = true,
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    /// <summary>Moves bytes until the end of the stream has been passed on, or the connection closes.</summary>
    public async Task RunAsync()
    {
        try
        {
            await ReadLoopAsync();
        }
        catch (Exception e) when (IsConnectionFault(e))
        {
            _connection.Close(reset: false);
        }
        finally
        {
            _queue.Writer.TryComplete();
        }

        if (_writer is not null)
        {
            await _writer;
        }

        while (_queue.Reader.TryRead(out var chunk))
        {
            Return(chunk);
        }

        _wake.Dispose();
    }

    /// <summary>Takes the proxy's toxics for this direction: new ones get a state and a toxicity draw, kept ones keep
    /// theirs, removed ones go. Called under the proxy's lock; a waiting chunk is planned again at once.</summary>
    public void Reconcile(IReadOnlyList<ToxicEntry> entries, Random draws)
    {
        var active = new List<ActiveToxic>(entries.Count);
        foreach (var entry in entries)
        {
            if (!_states.TryGetValue(entry.Id, out var state))
            {
                state = entry.Toxic.NewState();
                state.Draw = draws.NextDouble();
                _states.Add(entry.Id, state);
            }

            if (state.Draw < entry.Toxic.Toxicity)
            {
                state.Activate(entry.Toxic, _connection);
                active.Add(new ActiveToxic(entry.Toxic, state));
            }
            else
            {
                state.Deactivate();
            }
        }

        foreach (var id in _states.Keys.Where(id => !entries.Any(e => e.Id == id)).ToList())
        {
            _states[id].Deactivate();
            _states.Remove(id);
        }

        Volatile.Write(ref _chain, [.. active]);
        _wake.Wake();
    }

    /// <summary>Stops every toxic's timers. Called under the proxy's lock when the connection is gone.</summary>
    public void Detach()
    {
        foreach (var state in _states.Values)
        {
            state.Deactivate();
        }

        _states.Clear();
    }

    /// <summary>The connection is closing: a reader waiting for room in the queue and a writer waiting on a toxic give up.</summary>
    public void Abort()
    {
        _queue.Writer.TryComplete();
        _wake.Wake();
    }

    private static bool IsConnectionFault(Exception e) =>
        e is SocketException or ObjectDisposedException or IOException or ChannelClosedException or OperationCanceledException;

    private static void Return(Chunk chunk)
    {
        if (chunk.Buffer is not null)
        {
            ArrayPool<byte>.Shared.Return(chunk.Buffer);
        }
    }

    private void ShutdownSend()
    {
        try
        {
            _destination.Shutdown(SocketShutdown.Send);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            _connection.Close(reset: false);
        }
    }
}
