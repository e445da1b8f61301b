using ArchLab.Contracts.Workflow;
using ArchLab.Harness.Model.Scenarios.Loading;
using ArchLab.Integration.Tests.Fixtures;

namespace ArchLab.Integration.Tests.TransportArms;

/// <summary>
/// A short run of each transport arm through the real orchestrator: nats-server or a RabbitMQ node when needed, the sink process, the
/// harness's target for that transport. The books add up, the round trip is there, completion is what the
/// transport can tell, and nothing is left running.
/// </summary>
[Collection(ArmProcesses.Name)]
public sealed class TransportRunTests
{
    public static TheoryData<string> AllTransports => [.. Transports.All];

    [Theory]
    [MemberData(nameof(AllTransports))]
    public async Task A_short_open_run_accepts_everything_and_reports_its_round_trip(string transport)
    {
        using var folder = new TempFolder($"transport-{transport}");

        var results = await folder.RunAsync(ScenarioLoader.Parse(Yaml($"  {transport}: {{ transport: {transport} }}"), "t.yaml"));

        var arm = Assert.Single(results.Arms);
        Assert.Equal(transport, arm.Style);
        Assert.Equal(arm.Counts.Offered, arm.Counts.Sent + arm.Counts.DroppedByGenerator);
        Assert.Equal(arm.Counts.Sent, arm.Counts.Accepted + arm.Counts.Errors);
        Assert.True(arm.Counts.Accepted >= 250, $"accepted only {arm.Counts.Accepted} of {arm.Counts.Offered}");
        Assert.Equal(0, arm.Counts.Errors);
        Assert.True(arm.LatencyMs.Accept!.P50 > 0);
        Assert.Null(arm.LatencyMs.Completion);
        Assert.Contains(arm.Resources, r => r.Process == Transports.SinkRole && r.PeakRssMb > 0);
        Assert.Contains(arm.Notes, n => n.StartsWith("transport arm", StringComparison.Ordinal));
        switch (transport)
        {
            case Transports.NatsPublish or Transports.RabbitPublish:
                // Every accepted publish reached the sink's consumer, seq by seq.
                Assert.Equal(arm.Counts.Accepted, arm.Counts.Completed);
                Assert.Equal(0, arm.Delivery!.Lost);
                break;
            case Transports.JetStreamSync or Transports.JetStreamAsync:
                Assert.Null(arm.Counts.Completed);
                Assert.Null(arm.Throughput.CompletedPerSec);
                break;
            default:
                Assert.Equal(arm.Counts.Accepted, arm.Counts.Completed);
                Assert.Null(arm.Delivery);
                break;
        }

        Assert.DoesNotContain(ProcessTree.All(), p => p.Command.Contains(folder.Path, StringComparison.Ordinal));
        if (Transports.NeedsRabbit(transport))
        {
            // The run's node reports its start-up, and its VM and epmd (whose command lines name no folder) are gone.
            Assert.InRange(results.Environment.RabbitMq!.StartupSec, 0.1, 60);
            Assert.DoesNotContain(ProcessTree.All(), p => p.Command.Contains("archlab-" + Environment.ProcessId + "-", StringComparison.Ordinal));
        }
        else
        {
            Assert.Null(results.Environment.RabbitMq);
        }
    }

    [Fact]
    public async Task Closed_acks_in_flight_outrun_one_ack_at_a_time()
    {
        using var folder = new TempFolder("transport-js-closed");

        var results = await folder.RunAsync(ScenarioLoader.Parse(Yaml("""
              sync: { transport: jetstream-sync, load: { model: closed, users: 16 } }
              async: { transport: jetstream-async, window: 64, load: { model: closed, users: 64 } }
            """), "t.yaml"));

        var (sync, async) = (results.Arms[0], results.Arms[1]);
        Assert.Equal(0, sync.Counts.Errors + async.Counts.Errors);
        // Measured about 5x on a busy two-core machine; 1.5x leaves room for noise and still shows the window.
        Assert.True(async.Throughput.AcceptedPerSec > 1.5 * sync.Throughput.AcceptedPerSec,
            $"async {async.Throughput.AcceptedPerSec:0}/s vs sync {sync.Throughput.AcceptedPerSec:0}/s");
    }

    [Fact]
    public async Task Without_RabbitMQ_installed_its_arms_are_refused_with_how_to_install_it_and_the_others_run()
    {
        using var folder = new TempFolder("transport-no-rabbit");
        var missing = Path.Combine(folder.Path, "missing", "bin", "rabbitmq-server");

        var results = await folder.RunAsync(
            ScenarioLoader.Parse(Yaml("  http: { transport: http }\n  rpc: { transport: rabbitmq-rpc }"), "t.yaml"),
            new Harness.Orchestration.RunOptions { RabbitServer = missing });

        Assert.Equal("http", Assert.Single(results.Arms).Name);
        var refused = Assert.Single(results.NotRun);
        Assert.Equal(("rpc", Transports.RabbitRpc), (refused.Arm, refused.Style));
        Assert.Contains("apt-get install -y rabbitmq-server", refused.Reason, StringComparison.Ordinal);
        Assert.Null(results.Environment.RabbitMq);
    }

    private static string Yaml(string arms) => $"""
        name: t
        title: Transport arms in a test
        claim: each transport answers
        watch: the round trip
        arms:
        {arms}
        load: {"{"} model: open, rate: 300/s, duration: 1s, warmup: 300ms, prime: 3 {"}"}
        """;
}
