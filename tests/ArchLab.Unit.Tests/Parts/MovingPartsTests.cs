using System.Diagnostics;
using ArchLab.Contracts.Hosting;
using ArchLab.Harness.Model.Results;
using ArchLab.Harness.Parts;
using ArchLab.Unit.Tests.Scenarios;

namespace ArchLab.Unit.Tests.Parts;

/// <summary>How the moving-parts table counts what it reads: listening rows, settings, broker objects, code, failures.</summary>
public sealed class MovingPartsTests
{
    // Two listening sockets (0A), one established (01); ports 0x1F90 = 8080 and 0x0B55 = 2901.
    private const string Tcp = """
          sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
           0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 4711 1 0000000000000000 100 0 0 10 0
           1: 0100007F:0B55 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 4712 1 0000000000000000 100 0 0 10 0
           2: 0100007F:A1B2 0100007F:1F90 01 00000000:00000000 00:00000000 00000000     0        0 4713 1 0000000000000000 20 4 30 10 -1
        """;

    [Fact]
    public void Listening_rows_give_their_inode_and_port() =>
        Assert.Equal([(4711L, 8080), (4712L, 2901)], ListeningSockets.Listening(Tcp));

    [Fact]
    public void A_role_left_at_its_defaults_sets_nothing_and_each_setting_counts_once()
    {
        var defaults = new ServiceOptions { Role = "edge", Style = "rest" };
        var configured = defaults with
        {
            Port = 5001,
            Downstream = new Dictionary<string, string> { ["inventory"] = "http://a", ["payment"] = "http://b", ["notify"] = "http://c" },
            CallTimeout = TimeSpan.FromSeconds(2),
            // The lab's instruments are not configuration a deployment needs.
            Seed = 42,
            LedgerPath = "/tmp/edge.ledger",
        };

        Assert.Equal(0, ConfigKeys.Of(defaults));
        Assert.Equal(5, ConfigKeys.Of(configured)); // port, three addresses, the timeout
    }

    [Fact]
    public void Broker_objects_are_the_streams_consumers_and_chosen_subjects()
    {
        const string jsz = """
            { "streams": 2, "consumers": 3, "account_details": [ { "name": "$G", "stream_detail": [
              { "name": "ORDERS", "config": { "subjects": [ "orders.>" ] } },
              { "name": "DLQ", "config": { "subjects": [ "dlq.>" ] } } ] } ] }
            """;
        const string subsz = """
            { "subscriptions_list": [
              { "subject": "$JS.API.>" }, { "subject": "$SYS.REQ.SERVER.PING" }, { "subject": "_INBOX.abc.*" }, { "subject": "_R_.xyz.>" },
              { "subject": "orders.payment" }, { "subject": "orders.payment" }, { "subject": "orders.>" } ] }
            """;

        Assert.Equal(new BrokerObjects(2, 3, 3), BrokerInventory.Parse(jsz, subsz)); // orders.>, dlq.>, orders.payment
    }

    [Fact]
    public void Failure_classes_are_the_delivery_classes_that_counted_then_the_error_kinds()
    {
        var delivery = new DeliveryCounts(Ok: 90, Lost: 3, Duplicated: 0, Unexpected: 0, Recovered: 2, Expired: null, DeadLettered: 1, Pending: 0) { PartialEffects = 4 };
        var errors = new Dictionary<string, long> { ["timeout"] = 2, ["refused"] = 5, ["status_503"] = 0 };

        Assert.Equal(["lost", "deadLettered", "partialEffects", "refused", "timeout"], MovingParts.ClassesOf(delivery, errors));
        Assert.Empty(MovingParts.ClassesOf(null, new Dictionary<string, long>()));
    }

    [Theory]
    [InlineData("rest", "Rest")]
    [InlineData("grpc", "Grpc")]
    [InlineData("inproc", "InProc")]
    [InlineData("nats-core", "NatsCore", "Nats")]
    [InlineData("nats-request", "NatsRequest", "Nats")]
    [InlineData("jetstream", "JetStream", "Nats")]
    public async Task A_style_s_code_lines_are_what_grep_counts_in_its_folders_now(string style, params string[] folders)
    {
        var styles = Path.Combine(Repository.Root, "services", "ArchLab.Services.Host", "Styles");
        var files = folders.SelectMany(f => Directory.GetFiles(Path.Combine(styles, f), "*.cs", SearchOption.AllDirectories)).ToList();
        var start = new ProcessStartInfo("grep") { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in (string[])["-hcv", "^[[:space:]]*$", .. files])
        {
            start.ArgumentList.Add(argument);
        }

        using var grep = Process.Start(start)!;
        var perFile = await grep.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        await grep.WaitForExitAsync(TestContext.Current.CancellationToken);

        Assert.Equal(perFile.Split('\n', StringSplitOptions.RemoveEmptyEntries).Sum(int.Parse), StyleCode.LinesOf(style));
    }
}
