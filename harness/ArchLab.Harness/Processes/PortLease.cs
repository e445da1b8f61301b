using System.Net;
using System.Net.Sockets;

namespace ArchLab.Harness.Processes;

/// <summary>
/// Loopback ports chosen by the system and released at once, for a child that must be told its port
/// before it starts (so every role can start at the same time). Another process could take one in
/// between; the caller retries with fresh ports when a child reports the port taken.
/// </summary>
public static class PortLease
{
    public static IReadOnlyList<int> Take(int count)
    {
        var sockets = new List<Socket>(count);
        try
        {
            // All open at once, so the system hands out distinct ports.
            for (var i = 0; i < count; i++)
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                sockets.Add(socket);
                socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            }

            return sockets.Select(s => ((IPEndPoint)s.LocalEndPoint!).Port).ToList();
        }
        finally
        {
            foreach (var socket in sockets)
            {
                socket.Dispose();
            }
        }
    }

    /// <summary>Whether a failed start looks like a port that someone else took.</summary>
    public static bool IsPortTaken(Exception e) =>
        e.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase);
}
