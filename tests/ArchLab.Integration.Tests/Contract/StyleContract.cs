using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ArchLab.Contracts.Hosting;
using ArchLab.Contracts.Messages;
using ArchLab.Contracts.Workflow;
using ArchLab.Integration.Tests.Fixtures;

namespace ArchLab.Integration.Tests.Contract;

/// <summary>
/// One contract for every style: what the edge answers, what each step does, what bad input gets. Each
/// style runs the same tests against its own real processes.
/// </summary>
public abstract class StyleContract<TArm>(TArm arm) where TArm : ArmFixture
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(15);

    protected TArm Arm { get; } = arm;

    protected HttpClient Client { get; } = new() { Timeout = TimeSpan.FromSeconds(30) };

    [Fact]
    public async Task An_accepted_order_runs_every_step_exactly_once()
    {
        var id = Arm.NextId();

        using var response = await PlaceAsync(id);

        Assert.True(response.IsSuccessStatusCode, $"status {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)}");
        await Eventually.TrueAsync(() => Arm.AllRoles.All(role => Arm.EffectsOf(role, id) >= 1), Within, $"every step of {id} in the ledger");
        Assert.All(Arm.AllRoles, role => Assert.Equal(1, Arm.EffectsOf(role, id)));
    }

    [Fact]
    public async Task The_edge_answers_as_its_style_promises()
    {
        var id = Arm.NextId();

        using var response = await PlaceAsync(id);
        var receipt = await response.Content.ReadFromJsonAsync<OrderReceipt>(TestContext.Current.CancellationToken);

        Assert.Equal(id.ToString(), receipt!.Id);
        if (Arm.Arm.AnswersOnCompletion)
        {
            // A synchronous answer means the whole chain is done: the last step's effect is already written.
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("completed", receipt.Status);
            Assert.All(Arm.ReceiverRoles, role => Assert.Equal(1, Arm.EffectsOf(role, id)));
        }
        else
        {
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            Assert.Equal("accepted", receipt.Status);
        }
    }

    [Fact]
    public async Task A_body_that_does_not_parse_gets_a_400_problem_that_says_why()
    {
        using var content = new StringContent("{\"id\": ", Encoding.UTF8, "application/json");

        using var response = await Client.PostAsync(new Uri(Arm.Edge, "/orders"), content, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(400, problem.RootElement.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.RootElement.GetProperty("detail").GetString()));
    }

    [Fact]
    public async Task An_order_id_of_the_wrong_shape_gets_a_validation_problem_naming_the_field()
    {
        using var response = await Client.PostAsJsonAsync(new Uri(Arm.Edge, "/orders"), new { id = "order-1", payload = "x" }, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Contains("order-1", problem.RootElement.GetProperty("errors").GetProperty("id")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Many_orders_at_once_each_complete_exactly_once()
    {
        var ids = Enumerable.Range(0, 40).Select(_ => Arm.NextId()).ToList();

        var responses = await Task.WhenAll(ids.Select(async id =>
        {
            using var response = await PlaceAsync(id);
            return response.IsSuccessStatusCode;
        }));

        Assert.All(responses, Assert.True);
        await Eventually.TrueAsync(() => ids.All(id => Arm.ReceiverRoles.All(r => Arm.EffectsOf(r, id) >= 1)), Within, "every order completed");
        Assert.All(ids, id => Assert.All(Arm.AllRoles, role => Assert.Equal(1, Arm.EffectsOf(role, id))));
    }

    [Fact]
    public async Task A_control_request_for_a_role_the_process_does_not_run_is_refused_with_404()
    {
        using var client = new HttpClient();

        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => FaultControl.SetAsync(client, Arm.AddressOf(Roles.Payment), Arm.Style, "nobody",
            new StepFaults(ErrorRate: 1), TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        var id = Arm.NextId();
        using var response = await PlaceAsync(id);
        Assert.True(response.IsSuccessStatusCode, "no role took the faults meant for another");
    }

    protected async Task<HttpResponseMessage> PlaceAsync(OrderId id) =>
        await Client.PostAsJsonAsync(new Uri(Arm.Edge, "/orders"), new PlaceOrder(id.ToString(), "payload"), TestContext.Current.CancellationToken);
}

[Collection(ArmProcesses.Name)]
public sealed class RestContract(RestArm arm) : StyleContract<RestArm>(arm), IClassFixture<RestArm>;

[Collection(ArmProcesses.Name)]
public sealed class GrpcContract(GrpcArm arm) : StyleContract<GrpcArm>(arm), IClassFixture<GrpcArm>;
