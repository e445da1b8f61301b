using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using ArchLab.Harness.Parts;

namespace ArchLab.Integration.Tests.Parts;

/// <summary>The ports a process listens on, as the moving-parts table reads them, against what <c>ss -ltnp</c> says of the same process.</summary>
public sealed partial class ListeningSocketsTests
{
    [Fact]
    public async Task The_listening_ports_of_a_process_are_those_ss_finds()
    {
        using var v4 = new TcpListener(IPAddress.Loopback, 0);
        using var v6 = new TcpListener(IPAddress.IPv6Loopback, 0);
        v4.Start();
        v6.Start();
        using var connected = new TcpClient();
        await connected.ConnectAsync(IPAddress.Loopback, ((IPEndPoint)v4.LocalEndpoint).Port, TestContext.Current.CancellationToken); // a connection is no listening port

        var ours = ListeningSockets.PortsOf([Environment.ProcessId]);
        var ss = await SsPortsAsync(Environment.ProcessId);

        Assert.Contains(((IPEndPoint)v4.LocalEndpoint).Port, ours);
        Assert.Contains(((IPEndPoint)v6.LocalEndpoint).Port, ours);
        Assert.Equal(ss.Order(), ours.Order());
    }

    [Fact]
    public void A_process_that_is_gone_listens_on_nothing() =>
        Assert.Empty(ListeningSockets.PortsOf([int.MaxValue]));

    /// <summary>The local ports of the listening TCP sockets <c>ss</c> attributes to <paramref name="pid"/>.</summary>
    private static async Task<HashSet<int>> SsPortsAsync(int pid)
    {
        using var ss = Process.Start(new ProcessStartInfo("ss", "-Hltnp") { RedirectStandardOutput = true, UseShellExecute = false })!;
        var output = await ss.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        await ss.WaitForExitAsync(TestContext.Current.CancellationToken);
        Assert.Equal(0, ss.ExitCode);
        var ports = new HashSet<int>();
        foreach (var line in output.Split('\n'))
        {
            if (line.Contains($"pid={pid},", StringComparison.Ordinal) && LocalPort().Match(line) is { Success: true } match)
            {
                ports.Add(int.Parse(match.Groups["port"].Value, System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return ports;
    }

    // LISTEN 0 512 127.0.0.1:41233 0.0.0.0:* users:(("dotnet",pid=1,fd=3)): the local address is the fourth column.
    [GeneratedRegex(@"^\S+\s+\d+\s+\d+\s+\S*:(?<port>\d+)\s")]
    private static partial Regex LocalPort();
}
