using System.Runtime.CompilerServices;
using System.Net.Sockets;
using ArchLab.Proxy.Toxics;

namespace ArchLab.Proxy.Links;

internal sealed partial class Link
{
    private async Task WriteLoopAsync()
    {
        try
        {
            var reader = _queue.Reader;
            while (await reader.WaitToReadAsync())
            {
                while (reader.TryRead(out var chunk))
                {
                    bool more;
                    try
                    {
                        more = await DeliverAsync(chunk);
                    }
                    finally
                    {
                        Return(chunk);
                        Interlocked.Decrement(ref _inFlight); // only now may the reader write past the queue
                    }

                    if (!more)
                    {
                        return;
                    }
                }
            }
        }
        catch (Exception e) when (IsConnectionFault(e))
        {
            _connection.Close(reset: false);
        }
    }

    /// <summary>Writes the chunk as the toxics plan it, piece by piece; false once the stream or the connection ended.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<bool> DeliverAsync(Chunk chunk)
    {
        var offset = 0;
        while (!_connection.IsClosed)
        {
            var chain = Volatile.Read(ref _chain);
            var plan = new ChunkPlan
            {
                Now = Ticks.Now,
                Stamp = chunk.Stamp,
                IsEnd = chunk.IsEnd,
                Bytes = chunk.Length - offset,
                At = chunk.Stamp,
                Random = _random,
            };
            foreach (var toxic in chain)
            {
                toxic.State.Plan(toxic.Toxic, ref plan);
                if (plan.Outcome != PlanOutcome.Send)
                {
                    break;
                }
            }

            switch (plan.Outcome)
            {
                case PlanOutcome.Hold:
                    await _wake.WaitUntilAsync(long.MaxValue); // until the toxics change or the connection closes
                    continue;
                case PlanOutcome.Close:
                    _connection.Close(reset: false);
                    return false;
                case PlanOutcome.Reset:
                    if (await _wake.WaitUntilAsync(plan.At))
                    {
                        _connection.Close(reset: true);
                    }

                    continue;
            }

            if (!await _wake.WaitUntilAsync(plan.At))
            {
                continue; // the toxics changed while the chunk waited: plan it again under the new ones
            }

            if (chunk.IsEnd)
            {
                ShutdownSend();
                return false;
            }

            await SendAsync(chunk.Buffer!, offset, plan.Bytes);
            plan.Now = Ticks.Now;
            foreach (var toxic in chain)
            {
                toxic.State.Commit(toxic.Toxic, ref plan);
            }

            offset += plan.Bytes;
            if (plan.CloseAfter)
            {
                _connection.Close(reset: false);
                return false;
            }

            if (offset == chunk.Length)
            {
                return true;
            }
        }

        return false;
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask SendAsync(byte[] buffer, int offset, int count)
    {
        for (var sent = 0; sent < count;)
        {
            sent += await _destination.SendAsync(buffer.AsMemory(offset + sent, count - sent), SocketFlags.None);
        }

        _counters.Sent(count);
    }
}
