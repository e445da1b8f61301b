using System.Buffers;
using System.Diagnostics;
using System.Net.Sockets;

namespace ArchLab.Proxy.Links;

internal sealed partial class Link
{
    private async Task ReadLoopAsync()
    {
        byte[]? buffer = null;
        try
        {
            while (true)
            {
                if (buffer is null)
                {
                    // Wait for data before taking a buffer: an idle connection holds none.
                    await _source.ReceiveAsync(Memory<byte>.Empty, SocketFlags.None);
                    buffer = ArrayPool<byte>.Shared.Rent(_bufferSize);
                }

                var read = await _source.ReceiveAsync(buffer.AsMemory(0, _bufferSize), SocketFlags.None);
                var stamp = Stopwatch.GetTimestamp();
                if (read == 0)
                {
                    await EndAsync(stamp);
                    return;
                }

                _counters.Received(read);
                if (Volatile.Read(ref _chain).Length == 0 && Volatile.Read(ref _inFlight) == 0)
                {
                    // No toxic and nothing queued: a straight copy, in this loop, with this buffer.
                    for (var sent = 0; sent < read;)
                    {
                        sent += await _destination.SendAsync(buffer.AsMemory(sent, read - sent), SocketFlags.None);
                    }

                    _counters.Sent(read);
                    if (read < _bufferSize)
                    {
                        ArrayPool<byte>.Shared.Return(buffer); // drained: wait for more without a buffer
                        buffer = null;
                    }

                    continue;
                }

                var chunk = new Chunk(buffer, read, stamp);
                buffer = null;
                await EnqueueAsync(chunk);
            }
        }
        finally
        {
            if (buffer is not null)
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }

    private async Task EndAsync(long stamp)
    {
        if (Volatile.Read(ref _chain).Length == 0 && Volatile.Read(ref _inFlight) == 0)
        {
            ShutdownSend();
            return;
        }

        await EnqueueAsync(Chunk.End(stamp));
    }

    private async ValueTask EnqueueAsync(Chunk chunk)
    {
        Interlocked.Increment(ref _inFlight);
        _writer ??= Task.Run(WriteLoopAsync);
        try
        {
            // Waits while the queue is full: the reader stops reading and TCP pushes back on the sender.
            await _queue.Writer.WriteAsync(chunk);
        }
        catch
        {
            Interlocked.Decrement(ref _inFlight);
            Return(chunk);
            throw;
        }
    }
}
