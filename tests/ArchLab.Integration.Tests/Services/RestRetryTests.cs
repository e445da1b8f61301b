using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ArchLab.Contracts.Hosting;
using ArchLab.Contracts.Messages;
using ArchLab.Contracts.Workflow;
using ArchLab.Integration.Tests.Fixtures;

namespace ArchLab.Integration.Tests.Services;

/// <summary>REST with retries: a 300ms attempt timeout, six attempts 50ms apart; payment takes a fixed 20ms.</summary>
public class RestRetryArm : ArmFixture
{
    public override string Style => Styles.Rest;

    protected override string ArmOptions => "timeout: 10s, attemptTimeout: 300ms, retry: { attempts: 6, backoff: constant, base: 50ms, jitter: false }";

    protected override string Steps => """
            inventory: { time: fixed(1ms), workers: 8 }
            payment:   { time: fixed(20ms), workers: 8 }
            notify:    { time: fixed(1ms), workers: 8 }
        """;
}

/// <summary>The same arm with <c>idempotencyKey: true</c>.</summary>
public sealed class RestIdempotentArm : RestRetryArm
{
    protected override string ArmOptions => base.ArmOptions + ", idempotencyKey: true";
}

/// <summary>Retries recover transient failures; without an idempotency key they also duplicate effects.</summary>
[Collection(ArmProcesses.Name)]
public sealed class RestRetryTests(RestRetryArm arm) : IClassFixture<RestRetryArm>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Retries_complete_every_order_through_a_20_percent_error_rate_and_the_failed_attempts_are_in_the_ledger()
    {
        await arm.SetFaultsAsync(Roles.Payment, new StepFaults(ErrorRate: 0.2));
        var ids = Enumerable.Range(0, 60).Select(_ => arm.NextId()).ToList();

        var statuses = await RetryOrders.PlaceAllAsync(arm, ids);
        await arm.ClearFaultsAsync(Roles.Payment);

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.All(ids, id => Assert.Equal(1, arm.EffectsOf(Roles.Payment, id)));
        Assert.InRange(ids.Sum(id => arm.FailedAttemptsOf(Roles.Payment, id)), 1, 40);
        // The attempt of an effect that followed failures says which attempt it was.
        var retried = ids.First(id => arm.FailedAttemptsOf(Roles.Payment, id) > 0);
        Assert.Equal(arm.FailedAttemptsOf(Roles.Payment, retried) + 1,
            arm.Records(Roles.Payment).Single(r => r.Id == retried && !Contracts.Ledger.StepCodes.IsFailedAttempt(r.Step)).Attempt);
    }

    [Fact]
    public async Task Without_a_key_retries_after_attempt_timeouts_duplicate_the_slow_step_and_the_problem_says_how_many_attempts()
    {
        var id = arm.NextId();
        await arm.SetFaultsAsync(Roles.Payment, new StepFaults(Slowdown: 25));

        using var client = new HttpClient();
        using var response = await client.PostAsJsonAsync(new Uri(arm.Edge, "/orders"), new PlaceOrder(id.ToString(), "p"), Cancel);

        Assert.Equal(HttpStatusCode.GatewayTimeout, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancel));
        Assert.Equal(Roles.Payment, problem.RootElement.GetProperty("step").GetString());
        Assert.Equal(6, problem.RootElement.GetProperty("attempts").GetInt32());
        Assert.Contains("after 6 attempts", problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
        // Every attempt ran to its end on the server although its caller had given up: six charges for one order.
        await Eventually.TrueAsync(() => arm.EffectsOf(Roles.Payment, id) == 6, TimeSpan.FromSeconds(15), "six payment effects");
        Assert.Equal(0, arm.EffectsOf(Roles.Notify, id));
        await arm.ClearFaultsAsync(Roles.Payment);
    }
}

/// <summary>With an idempotency key the same retries make no duplicate: a retry of a running or done step does not run it again.</summary>
[Collection(ArmProcesses.Name)]
public sealed class RestIdempotencyKeyTests(RestIdempotentArm arm) : IClassFixture<RestIdempotentArm>
{
    [Fact]
    public async Task With_a_key_retries_after_attempt_timeouts_leave_one_effect_and_complete_the_order()
    {
        var ids = Enumerable.Range(0, 5).Select(_ => arm.NextId()).ToList();
        await arm.SetFaultsAsync(Roles.Payment, new StepFaults(Slowdown: 25));

        var statuses = await RetryOrders.PlaceAllAsync(arm, ids);
        await arm.ClearFaultsAsync(Roles.Payment);

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.All(ids, id => Assert.Equal((1, 1), (arm.EffectsOf(Roles.Payment, id), arm.EffectsOf(Roles.Notify, id))));
    }

    [Fact]
    public async Task A_key_that_names_another_order_or_role_is_refused()
    {
        var id = arm.NextId();
        using var client = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(arm.AddressOf(Roles.Inventory), "/steps/inventory"))
        {
            Content = JsonContent.Create(new StepMessage(id.ToString(), 1, "p")),
        };
        request.Headers.Add("Idempotency-Key", $"{id}:payment");

        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, arm.EffectsOf(Roles.Inventory, id));
    }
}

internal static class RetryOrders
{
    /// <summary>Places the orders ten at a time and returns what the edge answered to each.</summary>
    public static async Task<List<HttpStatusCode>> PlaceAllAsync(ArmFixture arm, IEnumerable<OrderId> ids)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var statuses = new List<HttpStatusCode>();
        foreach (var chunk in ids.Chunk(10))
        {
            statuses.AddRange(await Task.WhenAll(chunk.Select(async id =>
            {
                using var response = await client.PostAsJsonAsync(new Uri(arm.Edge, "/orders"), new PlaceOrder(id.ToString(), "p"), TestContext.Current.CancellationToken);
                return response.StatusCode;
            })));
        }

        return statuses;
    }
}
