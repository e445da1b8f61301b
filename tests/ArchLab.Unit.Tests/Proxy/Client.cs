using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace ArchLab.Unit.Tests.Proxy;

/// <summary>How a read to the end of a connection ended.</summary>
internal enum StreamEnd
{
    Eof,
    Reset,
}

/// <summary>The client side of a test: plain sockets, so that a FIN and a RST can be told apart.</summary>
internal static class Client
{
    public static async Task<Socket> ConnectAsync(IPEndPoint endpoint, CancellationToken cancellationToken)
    {
        var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(endpoint, cancellationToken);
        return socket;
    }

    public static async Task ReadExactlyAsync(Socket socket, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        while (buffer.Length > 0)
        {
            var read = await socket.ReceiveAsync(buffer, SocketFlags.None, cancellationToken);
            if (read == 0)
            {
                throw new EndOfStreamException($"{buffer.Length} bytes missing");
            }

            buffer = buffer[read..];
        }
    }

    /// <summary>Reads until the peer closes: how many bytes came, and whether the end was a FIN or a RST.</summary>
    public static async Task<(long Bytes, StreamEnd End)> ReadToEndAsync(Socket socket, CancellationToken cancellationToken)
    {
        var buffer = new byte[64 * 1024];
        long total = 0;
        try
        {
            while (true)
            {
                var read = await socket.ReceiveAsync(buffer, SocketFlags.None, cancellationToken);
                if (read == 0)
                {
                    return (total, StreamEnd.Eof);
                }

                total += read;
            }
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionReset)
        {
            return (total, StreamEnd.Reset);
        }
    }

    /// <summary>Round trip of one small message through an echo, in milliseconds.</summary>
    public static async Task<double> RoundTripAsync(Socket socket, CancellationToken cancellationToken)
    {
        var message = "ping"u8.ToArray();
        var answer = new byte[message.Length];
        var start = Stopwatch.GetTimestamp();
        await socket.SendAsync(message, SocketFlags.None, cancellationToken);
        await ReadExactlyAsync(socket, answer, cancellationToken);
        return Stopwatch.GetElapsedTime(start).TotalMilliseconds;
    }

    /// <summary>A token cancelled after <paramref name="limit"/> or with the test: every test is bounded in time.</summary>
    public static CancellationTokenSource Deadline(TimeSpan limit)
    {
        var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(limit);
        return deadline;
    }

    /// <summary>Polls <paramref name="condition"/> every few milliseconds until it holds; fails the test at the deadline.</summary>
    public static async Task WaitUntilAsync(Func<bool> condition, string what, CancellationToken cancellationToken)
    {
        while (!condition())
        {
            try
            {
                await Task.Delay(5, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"timed out waiting until {what}");
            }
        }
    }
}
