using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ArchLab.Contracts.Hosting;
using ArchLab.Contracts.Messages;
using ArchLab.Contracts.Workflow;
using ArchLab.Integration.Tests.Fixtures;

namespace ArchLab.Integration.Tests.Services;

/// <summary>
/// Step faults set through the control endpoint of real role processes: poison orders, an error rate, a
/// slowdown, and a crash between the effect and the answer.
/// </summary>
[Collection(ArmProcesses.Name)]
public sealed class StepFaultTests(RestFaultArm arm) : IClassFixture<RestFaultArm>, IAsyncLifetime
{
    private readonly HttpClient _client = new() { Timeout = TimeSpan.FromSeconds(30) };

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_poison_order_always_fails_and_each_attempt_is_a_failed_attempt_record()
    {
        var poison = arm.NextId();
        await arm.SetFaultsAsync(Roles.Payment, new StepFaults(PoisonNonce: arm.Nonce, PoisonSeqs: [poison.Seq]));

        using var first = await PlaceAsync(poison);
        using var second = await PlaceAsync(poison);
        var healthy = arm.NextId();
        using var other = await PlaceAsync(healthy);

        Assert.Equal(HttpStatusCode.BadGateway, first.StatusCode);
        Assert.Equal(HttpStatusCode.BadGateway, second.StatusCode);
        using var problem = JsonDocument.Parse(await first.Content.ReadAsStringAsync(Cancel));
        Assert.Equal(Roles.Payment, problem.RootElement.GetProperty("step").GetString());
        Assert.Equal(poison.ToString(), problem.RootElement.GetProperty("orderId").GetString());
        Assert.Equal((0, 2, 0), (arm.EffectsOf(Roles.Payment, poison), arm.FailedAttemptsOf(Roles.Payment, poison), arm.EffectsOf(Roles.Notify, poison)));
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        Assert.Equal(1, arm.EffectsOf(Roles.Notify, healthy));
    }

    [Fact]
    public async Task A_step_that_fails_answers_a_500_problem_saying_which_step_failed()
    {
        var id = arm.NextId();
        await arm.SetFaultsAsync(Roles.Inventory, new StepFaults(ErrorRate: 1));

        using var response = await _client.PostAsJsonAsync(new Uri(arm.AddressOf(Roles.Inventory), "/steps/inventory"), new StepMessage(id.ToString(), 1, "x"), Cancel);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancel));
        Assert.Equal("the inventory step failed", problem.RootElement.GetProperty("title").GetString());
        Assert.Equal((Roles.Inventory, id.ToString()), (problem.RootElement.GetProperty("step").GetString(), problem.RootElement.GetProperty("orderId").GetString()));
        Assert.Equal(1, arm.FailedAttemptsOf(Roles.Inventory, id));
    }

    [Fact]
    public async Task An_error_rate_fails_about_that_share_of_executions()
    {
        await arm.SetFaultsAsync(Roles.Inventory, new StepFaults(ErrorRate: 0.3));
        var ids = Enumerable.Range(0, 100).Select(_ => arm.NextId()).ToList();

        var statuses = new List<HttpStatusCode>();
        foreach (var chunk in ids.Chunk(10))
        {
            statuses.AddRange(await Task.WhenAll(chunk.Select(async id =>
            {
                using var response = await PlaceAsync(id);
                return response.StatusCode;
            })));
        }

        var failed = statuses.Count(s => s == HttpStatusCode.BadGateway);
        Assert.InRange(failed, 12, 50);
        Assert.Equal(100 - failed, statuses.Count(s => s == HttpStatusCode.OK));
        Assert.Equal(failed, ids.Sum(id => arm.FailedAttemptsOf(Roles.Inventory, id)));
    }

    [Fact]
    public async Task A_slowdown_lengthens_the_step()
    {
        // The fastest of a few: the first order of a fresh process pays for its JIT.
        var before = TimeSpan.MaxValue;
        for (var i = 0; i < 3; i++)
        {
            var time = await TimeOneOrderAsync();
            before = time < before ? time : before;
        }

        await arm.SetFaultsAsync(Roles.Payment, new StepFaults(Slowdown: 15));

        var slowed = await TimeOneOrderAsync();

        Assert.True(slowed >= TimeSpan.FromMilliseconds(280), $"a 20ms step slowed 15x took {slowed.TotalMilliseconds:0}ms in all");
        Assert.True(slowed > before + TimeSpan.FromMilliseconds(200), $"{slowed.TotalMilliseconds:0}ms slowed against {before.TotalMilliseconds:0}ms");
    }

    [Fact]
    public async Task A_crash_after_effect_kills_the_role_with_SIGKILL_after_its_effect_and_before_its_answer()
    {
        var id = arm.NextId();
        var notify = arm.Roles[Roles.Notify];
        await arm.SetFaultsAsync(Roles.Notify, new StepFaults(CrashAfterEffect: true));

        using var response = await PlaceAsync(id);

        await notify.Exited.WaitAsync(TimeSpan.FromSeconds(15), Cancel);
        Assert.Equal(128 + 9, notify.ExitCode);
        Assert.Equal(1, arm.EffectsOf(Roles.Notify, id));
        Assert.False(response.IsSuccessStatusCode, $"the edge answered {(int)response.StatusCode} for a step that died before answering");
        await arm.RestartAsync(Roles.Notify, notify);
        var next = arm.NextId();
        using var after = await PlaceAsync(next);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    [Fact]
    public async Task The_control_endpoint_refuses_a_body_that_does_not_parse_and_faults_that_cannot_apply()
    {
        var address = new Uri(arm.AddressOf(Roles.Payment), StepFaults.Path);
        using var bad = new StringContent("{\"errorRate\": ", Encoding.UTF8, "application/json");
        using var unparsable = await _client.PutAsync(address, bad, Cancel);
        using var impossible = await _client.PutAsJsonAsync(address, new { errorRate = 2.0 }, Cancel);
        using var cleared = await _client.DeleteAsync(address, Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, unparsable.StatusCode);
        Assert.Equal("application/problem+json", unparsable.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.BadRequest, impossible.StatusCode);
        Assert.Contains("errorRate must be from 0 to 1", await impossible.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NoContent, cleared.StatusCode);
    }

    private async Task<TimeSpan> TimeOneOrderAsync()
    {
        var started = Stopwatch.GetTimestamp();
        using var response = await PlaceAsync(arm.NextId());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return Stopwatch.GetElapsedTime(started);
    }

    private Task<HttpResponseMessage> PlaceAsync(OrderId id) =>
        _client.PostAsJsonAsync(new Uri(arm.Edge, "/orders"), new PlaceOrder(id.ToString(), "payload"), Cancel);

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    /// <summary>Every test leaves the roles without faults (a role it crashed is restarted by that test).</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (var role in Roles.All.Where(r => !arm.Roles[r].HasExited))
        {
            await arm.ClearFaultsAsync(role);
        }

        _client.Dispose();
    }
}

/// <summary>A gRPC step role's control endpoint speaks HTTP/2, as its service does; its failure is an RPC error.</summary>
[Collection(ArmProcesses.Name)]
public sealed class GrpcStepFaultTests(GrpcFaultArm arm) : IClassFixture<GrpcFaultArm>
{
    [Fact]
    public async Task A_poison_order_fails_at_a_grpc_step_set_through_its_http2_control_endpoint()
    {
        using var client = new HttpClient();
        var poison = arm.NextId();
        await arm.SetFaultsAsync(Roles.Payment, new StepFaults(PoisonNonce: arm.Nonce, PoisonSeqs: [poison.Seq]));

        using var response = await client.PostAsJsonAsync(new Uri(arm.Edge, "/orders"), new PlaceOrder(poison.ToString(), "p"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Contains("the payment step failed", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Equal((0, 1), (arm.EffectsOf(Roles.Payment, poison), arm.FailedAttemptsOf(Roles.Payment, poison)));
        await arm.ClearFaultsAsync(Roles.Payment);
    }
}
