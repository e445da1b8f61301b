using ArchLab.Contracts.Workflow;
using ArchLab.Harness.Broker;
using ArchLab.Harness.Model.Results;
using ArchLab.Harness.Orchestration;
using ArchLab.Integration.Tests.Fixtures;

namespace ArchLab.Integration.Tests.Runs;

/// <summary>
/// inproc needs nothing: on a machine where no nats-server can be found (PATH without it, ARCHLAB_NATS_SERVER unset,
/// no containers) an inproc run completes and checks its books, and starts no broker; a style that does need one is
/// refused there, which shows the machine really had none.
/// </summary>
[Collection(ArmProcesses.Name)]
public sealed class NoBrokerRunTests
{
    [Fact]
    public async Task An_inproc_run_needs_no_nats_server_and_starts_no_broker()
    {
        using var hidden = new NatsServerHidden();
        using var folder = new TempFolder("no-broker");

        var results = await RunAsync(folder, Styles.InProc);

        var arm = Assert.Single(results.Arms);
        Assert.True(arm.Counts.Accepted > 0, "nothing was accepted");
        Assert.Equal(arm.Counts.Accepted, arm.Delivery!.Ok);
        Assert.Equal(0, arm.Delivery.Lost);
        Assert.True(arm.Accounting!.AddsUp, arm.Accounting.Detail);
        Assert.Null(results.Environment.NatsServer);
        Assert.DoesNotContain(arm.Resources, r => r.Process == "nats-server");
        Assert.Empty(Directory.EnumerateFiles(folder.Path, "nats-server*.log", SearchOption.AllDirectories));
        Assert.Contains("[inproc] no broker", await File.ReadAllTextAsync(Path.Combine(folder.Path, "logs", "harness.log"), TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_nats_server_a_style_that_needs_one_is_refused_saying_how_to_get_one()
    {
        using var hidden = new NatsServerHidden();
        using var folder = new TempFolder("no-broker-nats");

        var refused = await Assert.ThrowsAsync<BrokerUnavailableException>(() => RunAsync(folder, Styles.NatsCore));

        Assert.Contains(NatsServerLocator.InstallHint, refused.Message, StringComparison.Ordinal);
    }

    /// <summary>A run with containers not allowed either: any broker the harness tried to start would fail it.</summary>
    private static Task<RunResults> RunAsync(TempFolder folder, string style) =>
        folder.RunAsync(SmallScenario.For(style), new RunOptions { Broker = new BrokerOptions(AllowContainer: false) });

    /// <summary>
    /// PATH without its directories that hold a nats-server, and ARCHLAB_NATS_SERVER unset, for the life of the object
    /// (the tests of the arm-processes collection run alone, so no other test sees it).
    /// </summary>
    private sealed class NatsServerHidden : IDisposable
    {
        private readonly string? _path = Environment.GetEnvironmentVariable("PATH");
        private readonly string? _server = Environment.GetEnvironmentVariable(NatsServerLocator.EnvironmentVariable);

        public NatsServerHidden()
        {
            var kept = (_path ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries).Where(dir => !File.Exists(Path.Combine(dir, "nats-server")));
            Environment.SetEnvironmentVariable("PATH", string.Join(':', kept));
            Environment.SetEnvironmentVariable(NatsServerLocator.EnvironmentVariable, null);
            Assert.Null(NatsServerLocator.Find());
        }

        public void Dispose()
        {
            Environment.SetEnvironmentVariable("PATH", _path);
            Environment.SetEnvironmentVariable(NatsServerLocator.EnvironmentVariable, _server);
        }
    }
}
