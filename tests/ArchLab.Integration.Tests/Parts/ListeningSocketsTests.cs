using System.Diagnostics;
using System.Text.RegularExpressions;
using ArchLab.Harness.Broker;
using ArchLab.Harness.Model.Results;
using ArchLab.Harness.Parts;
using ArchLab.Integration.Tests.Fixtures;
using NATS.Client.Core;

namespace ArchLab.Integration.Tests.Parts;

/// <summary>
/// The moving-parts table's readings of a real nats-server: the ports it listens on against what <c>ss -ltnp</c> says
/// of the same process, and its objects against what was made on it. A process of its own, so that no other test's
/// listener comes and goes between the two readings.
/// </summary>
public sealed partial class ListeningSocketsTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_listening_ports_of_a_process_are_those_ss_finds()
    {
        using var folder = new TempFolder("listening-sockets");
        await using var server = await StartAsync(folder);
        var pid = server.Pid!.Value;

        var ours = ListeningSockets.PortsOf([pid]);
        var ss = await SsPortsAsync(pid);

        Assert.Contains(new Uri(server.ClientUrl).Port, ours);
        Assert.Contains(new Uri(server.MonitoringUrl!).Port, ours);
        Assert.Equal(ss.Order(), ours.Order());
    }

    [Fact]
    public void A_process_that_is_gone_listens_on_nothing() =>
        Assert.Empty(ListeningSockets.PortsOf([int.MaxValue]));

    [Fact]
    public async Task The_broker_s_objects_are_what_was_made_on_it()
    {
        using var folder = new TempFolder("broker-inventory");
        await using var server = await StartAsync(folder);
        var keys = await JetStreamTopology.CreateAsync(server.ClientUrl, Harness.Model.Scenarios.JetStreamArmOptions.Default, Cancel, receivers: 2);
        await using var nats = new NatsConnection(new NatsOpts { Url = server.ClientUrl });
        await using var one = await nats.SubscribeCoreAsync<byte[]>("orders.payment", cancellationToken: Cancel);
        await using var again = await nats.SubscribeCoreAsync<byte[]>("orders.payment", cancellationToken: Cancel);
        await using var other = await nats.SubscribeCoreAsync<byte[]>("lab.elsewhere", cancellationToken: Cancel);
        await nats.PingAsync(Cancel);

        var objects = await BrokerInventory.ReadAsync(server.MonitoringUrl!, Cancel);

        // The orders stream and the dead letters' stream; a consumer per step, two receivers; the streams' two
        // subjects and the two subscribed (the same subject twice is one).
        Assert.Equal(new BrokerObjects(2, 4, 4), objects);
        Assert.True(keys > 0, "the topology's settings are counted");
    }

    private static async Task<LocalNatsServer> StartAsync(TempFolder folder)
    {
        var binary = NatsServerLocator.Find() ?? throw new InvalidOperationException("nats-server is required by the integration tests (./archlab test installs it)");
        return await LocalNatsServer.StartAsync(binary, Path.Combine(folder.Path, "store"), Path.Combine(folder.Path, "nats.log"), Cancel);
    }

    /// <summary>The local ports of the listening TCP sockets <c>ss</c> attributes to <paramref name="pid"/>.</summary>
    private static async Task<HashSet<int>> SsPortsAsync(int pid)
    {
        using var ss = Process.Start(new ProcessStartInfo("ss", "-Hltnp") { RedirectStandardOutput = true, UseShellExecute = false })!;
        var output = await ss.StandardOutput.ReadToEndAsync(Cancel);
        await ss.WaitForExitAsync(Cancel);
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

    // LISTEN 0 512 127.0.0.1:41233 0.0.0.0:* users:(("nats-server",pid=1,fd=3)): the local address is the fourth column.
    [GeneratedRegex(@"^\S+\s+\d+\s+\d+\s+\S*:(?<port>\d+)\s")]
    private static partial Regex LocalPort();
}
