using System.Net;
using System.Net.Http.Json;
using System.Text;
using ArchLab.Contracts.Messages;
using ArchLab.Contracts.Workflow;
using ArchLab.Integration.Tests.Fixtures;
using NATS.Client.Core;

namespace ArchLab.Integration.Tests.Devices;

/// <summary>A REST arm whose pages poll the edge.</summary>
public sealed class PolledRestArm : ArmFixture
{
    public override string Style => Styles.Rest;

    protected override string ArmOptions => "devices: { via: poll, pages: 2 }";
}

/// <summary>A nats-core arm whose pages are pushed their updates.</summary>
public sealed class PushedNatsCoreArm : ArmFixture
{
    public override string Style => Styles.NatsCore;

    protected override string ArmOptions => "devices: { via: nats, pages: 3 }";
}

/// <summary>What the pages are fed, on real processes: the edge's cursor for a polling page, the receiver's subject for a pushed one.</summary>
[Collection(ArmProcesses.Name)]
public sealed class DeviceFeedTests(PolledRestArm polled, PushedNatsCoreArm pushed) : IClassFixture<PolledRestArm>, IClassFixture<PushedNatsCoreArm>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_polling_page_reads_its_own_orders_once_from_its_cursor_from_any_origin()
    {
        using var http = new HttpClient();
        var ids = new[] { polled.NextId(), polled.NextId(), polled.NextId() };
        foreach (var id in ids)
        {
            using var placed = await http.PostAsJsonAsync(new Uri(polled.Edge, "/orders"), new PlaceOrder(id.ToString(), "p"), Cancel);
            Assert.Equal(HttpStatusCode.OK, placed.StatusCode);
        }

        foreach (var page in new[] { 0, 1 })
        {
            using var answer = await http.GetAsync(new Uri(polled.Edge, $"/devices/{page}/orders?of=2&after=0"), Cancel);
            var first = (await answer.Content.ReadFromJsonAsync<DeviceOrders>(Cancel))!;
            var again = (await http.GetFromJsonAsync<DeviceOrders>(new Uri(polled.Edge, $"/devices/{page}/orders?of=2&after={first.Next}"), Cancel))!;

            Assert.Equal("*", answer.Headers.GetValues("Access-Control-Allow-Origin").Single());
            Assert.All(first.Orders, o => Assert.True(OrderId.TryParse(o, out var id) && id.Seq % 2 == page, $"{o} is not page {page}'s"));
            Assert.Superset(ids.Where(i => i.Seq % 2 == page).Select(i => i.ToString()).ToHashSet(), first.Orders.ToHashSet());
            Assert.Empty(again.Orders);
            Assert.Equal(first.Next, again.Next);
        }
    }

    [Theory]
    [InlineData("/devices/2/orders?of=2")]
    [InlineData("/devices/0/orders?of=0")]
    [InlineData("/devices/0/orders?of=2&after=-1")]
    public async Task A_page_out_of_range_gets_a_problem(string path)
    {
        using var http = new HttpClient();

        using var answer = await http.GetAsync(new Uri(polled.Edge, path), Cancel);

        Assert.Equal((HttpStatusCode.BadRequest, "application/problem+json"), (answer.StatusCode, answer.Content.Headers.ContentType?.MediaType));
    }

    [Fact]
    public async Task The_first_receiver_publishes_each_order_it_completes_on_its_page_s_subject()
    {
        await using var nats = new NatsConnection(new NatsOpts { Url = pushed.Broker!.ClientUrl });
        await using var subscription = await nats.SubscribeCoreAsync<byte[]>($"{Subjects.DevicesPrefix}.>", cancellationToken: Cancel);
        await nats.PingAsync(Cancel);
        using var http = new HttpClient();
        var ids = Enumerable.Range(0, 6).Select(_ => pushed.NextId()).ToList();
        foreach (var id in ids)
        {
            using var placed = await http.PostAsJsonAsync(new Uri(pushed.Edge, "/orders"), new PlaceOrder(id.ToString(), "p"), Cancel);
            Assert.Equal(HttpStatusCode.Accepted, placed.StatusCode);
        }

        var seen = new Dictionary<string, string>();
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
        limit.CancelAfter(TimeSpan.FromSeconds(20));
        await foreach (var message in subscription.Msgs.ReadAllAsync(limit.Token))
        {
            seen[Encoding.UTF8.GetString(message.Data!)] = message.Subject;
            if (ids.All(i => seen.ContainsKey(i.ToString())))
            {
                break;
            }
        }

        Assert.All(ids, id => Assert.Equal(Subjects.DeviceUpdates((int)(id.Seq % 3)), seen[id.ToString()]));
    }
}
