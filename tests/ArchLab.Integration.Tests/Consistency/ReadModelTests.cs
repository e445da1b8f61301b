using System.Net;
using System.Net.Http.Json;
using ArchLab.Contracts.Ledger;
using ArchLab.Contracts.Messages;
using ArchLab.Contracts.Workflow;
using ArchLab.Integration.Tests.Fixtures;

namespace ArchLab.Integration.Tests.Consistency;

/// <summary>A REST arm whose edge keeps a read model.</summary>
public sealed class RestReadModelArm : ArmFixture
{
    public override string Style => Styles.Rest;

    protected override string Load => ", readAfter: 10ms";
}

/// <summary>A JetStream arm whose edge keeps a read model fed by the receivers' completion events; notify takes 300 ms.</summary>
public sealed class JetStreamReadModelArm : ArmFixture
{
    public override string Style => Styles.JetStream;

    protected override string Load => ", readAfter: 10ms";

    protected override string Steps => """
            notify: { time: fixed(300ms) }
        """;
}

/// <summary>The edge's read side on real processes: read-your-writes where the answer means done, eventually where it does not.</summary>
[Collection(ArmProcesses.Name)]
public sealed class ReadModelTests(RestReadModelArm rest, JetStreamReadModelArm jetstream) : IClassFixture<RestReadModelArm>, IClassFixture<JetStreamReadModelArm>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_synchronous_edge_reads_its_own_writes_the_moment_it_answers()
    {
        using var http = new HttpClient();
        var id = rest.NextId();

        using var placed = await http.PostAsJsonAsync(new Uri(rest.Edge, "/orders"), new PlaceOrder(id.ToString(), "p"), Cancel);
        var read = await http.GetFromJsonAsync<OrderReceipt>(new Uri(rest.Edge, $"/orders/{id}"), Cancel);

        Assert.Equal(HttpStatusCode.OK, placed.StatusCode);
        Assert.Equal(new OrderReceipt(id.ToString(), "completed"), read);
        Assert.Contains(ShownIn(rest), r => r.Id == id);
    }

    [Fact]
    public async Task A_messaging_edge_shows_an_order_accepted_until_the_completion_event_arrives()
    {
        using var http = new HttpClient();
        var id = jetstream.NextId();

        using var placed = await http.PostAsJsonAsync(new Uri(jetstream.Edge, "/orders"), new PlaceOrder(id.ToString(), "p"), Cancel);
        var early = await http.GetFromJsonAsync<OrderReceipt>(new Uri(jetstream.Edge, $"/orders/{id}"), Cancel);
        await Eventually.TrueAsync(async () =>
            (await http.GetFromJsonAsync<OrderReceipt>(new Uri(jetstream.Edge, $"/orders/{id}"), Cancel))!.Status == "completed",
            TimeSpan.FromSeconds(20), $"{id} completed in the read model");

        Assert.Equal(HttpStatusCode.Accepted, placed.StatusCode);
        // notify takes 300 ms: the read right after the answer comes long before the completion event.
        Assert.Equal("accepted", early!.Status);
        var shown = Assert.Single(ShownIn(jetstream), r => r.Id == id);
        var effect = Assert.Single(new LedgerReader(Path.Combine(jetstream.LedgerFolder, "notify.ledger")).Read(), r => r.Id == id);
        Assert.True(shown.Timestamp >= effect.Timestamp, "the model shows the order done only after notify's effect");
    }

    [Fact]
    public async Task A_malformed_id_gets_a_problem_and_an_unknown_order_a_404()
    {
        using var http = new HttpClient();

        using var malformed = await http.GetAsync(new Uri(rest.Edge, "/orders/not-an-id"), Cancel);
        using var unknown = await http.GetAsync(new Uri(rest.Edge, $"/orders/{new OrderId(0xdeadbeef, 1)}"), Cancel);

        Assert.Equal((HttpStatusCode.BadRequest, "application/problem+json"), (malformed.StatusCode, malformed.Content.Headers.ContentType?.MediaType));
        Assert.Contains("1a2b3c4d-42", await malformed.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        Assert.Equal((HttpStatusCode.NotFound, "application/problem+json"), (unknown.StatusCode, unknown.Content.Headers.ContentType?.MediaType));
    }

    private static List<LedgerRecord> ShownIn(ArmFixture arm) =>
        [.. new LedgerReader(Path.Combine(arm.LedgerFolder, "readmodel.ledger")).Read().Where(r => r.Step == StepCodes.ReadModel)];
}
