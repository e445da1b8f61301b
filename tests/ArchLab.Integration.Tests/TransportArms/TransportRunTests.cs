using ArchLab.Contracts.Workflow;
using ArchLab.Harness.Model.Scenarios.Loading;
using ArchLab.Integration.Tests.Fixtures;

namespace ArchLab.Integration.Tests.TransportArms;

/// <summary>
/// A short run of each transport arm through the real orchestrator: nats-server when needed, the sink process, the
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
            case Transports.NatsPublish:
                // Every accepted publish reached the sink's subscriber, seq by seq.
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
