using ArchLab.Harness.Broker;
using ArchLab.Integration.Tests.Fixtures;

namespace ArchLab.Integration.Tests.Broker;

/// <summary>The nats-server lifecycle of the harness, against the real binary.</summary>
public sealed class LocalNatsServerTests
{
    [Fact]
    public async Task It_starts_on_ports_of_its_own_reports_its_version_answers_monitoring_and_cleans_up()
    {
        using var folder = new TempFolder("nats");
        var store = Path.Combine(folder.Path, "store");
        var binary = NatsServerLocator.Find() ?? throw new InvalidOperationException("nats-server is required by the integration tests (./archlab test installs it)");

        string monitoring;
        await using (var server = await LocalNatsServer.StartAsync(binary, store, Path.Combine(folder.Path, "nats.log"), TestContext.Current.CancellationToken))
        {
            Assert.StartsWith("nats://127.0.0.1:", server.ClientUrl, StringComparison.Ordinal);
            Assert.Matches(@"^2\.\d+\.\d+", server.Version);
            monitoring = server.MonitoringUrl!;
            using var http = new HttpClient();
            var jsz = await http.GetStringAsync(new Uri(new Uri(monitoring), "/jsz"), TestContext.Current.CancellationToken);
            Assert.Contains("\"config\"", jsz, StringComparison.Ordinal);
        }

        Assert.False(Directory.Exists(store), "the store folder is removed with the server");
        using var after = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => after.GetStringAsync(new Uri(new Uri(monitoring), "/jsz"), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_second_server_right_after_the_first_never_fails_on_a_port()
    {
        using var folder = new TempFolder("nats-twice");
        var binary = NatsServerLocator.Find()!;
        for (var i = 0; i < 3; i++)
        {
            await using var server = await LocalNatsServer.StartAsync(binary, Path.Combine(folder.Path, $"s{i}"), Path.Combine(folder.Path, $"s{i}.log"), TestContext.Current.CancellationToken);
            Assert.NotNull(server.Pid);
        }
    }

    [Fact]
    public async Task Without_a_binary_or_a_container_engine_the_error_says_how_to_install_one()
    {
        using var folder = new TempFolder("no-nats");

        var error = await Assert.ThrowsAsync<BrokerUnavailableException>(() => BrokerProvider.StartAsync(
            new BrokerOptions(ServerPath: Path.Combine(folder.Path, "missing", "nats-server"), AllowContainer: false),
            folder.Path, Path.Combine(folder.Path, "log"), TestContext.Current.CancellationToken));

        Assert.Contains("apt-get install -y nats-server", error.Message, StringComparison.Ordinal);
        Assert.Contains("--nats-url", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task In_a_container_where_a_Docker_engine_answers()
    {
        if (await DockerProbe.WhyUnavailableAsync(TestContext.Current.CancellationToken) is { } why)
        {
            Assert.Skip($"the Testcontainers path needs a Docker engine: {why}");
        }

        await using var server = await ContainerNatsServer.StartAsync(TestContext.Current.CancellationToken);
        using var http = new HttpClient();
        var jsz = await http.GetStringAsync(new Uri(new Uri(server.MonitoringUrl!), "/jsz"), TestContext.Current.CancellationToken);
        Assert.Contains("\"config\"", jsz, StringComparison.Ordinal);
    }
}
