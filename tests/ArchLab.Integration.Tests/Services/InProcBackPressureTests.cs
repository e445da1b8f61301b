using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ArchLab.Contracts.Hosting;
using ArchLab.Contracts.Messages;
using ArchLab.Contracts.Workflow;
using ArchLab.Integration.Tests.Fixtures;

namespace ArchLab.Integration.Tests.Services;

/// <summary>A full in-process channel is an answer the caller counts (503 naming the step), never an order dropped after a yes.</summary>
[Collection(ArmProcesses.Name)]
public sealed class InProcBackPressureTests(InProcTightArm arm) : IClassFixture<InProcTightArm>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Orders_beyond_a_full_first_channel_get_a_503_and_every_accepted_one_completes()
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        // inventory's one worker holds an order for 400 ms, and its channel has room for one more.
        await arm.SetFaultsAsync(Roles.Inventory, new StepFaults(Slowdown: 400));
        var ids = Enumerable.Range(0, 8).Select(_ => arm.NextId()).ToList();
        List<(OrderId Id, HttpStatusCode Status, string Body)> answers;
        try
        {
            answers = [.. await Task.WhenAll(ids.Select(async id =>
            {
                using var response = await client.PostAsJsonAsync(new Uri(arm.Edge, "/orders"), new PlaceOrder(id.ToString(), "payload"), Cancel);
                return (id, response.StatusCode, await response.Content.ReadAsStringAsync(Cancel));
            }))];
        }
        finally
        {
            await arm.ClearFaultsAsync(Roles.Inventory);
        }

        var accepted = answers.Where(a => a.Status == HttpStatusCode.Accepted).Select(a => a.Id).ToList();
        var refused = answers.Where(a => a.Status == HttpStatusCode.ServiceUnavailable).ToList();
        Assert.Equal(ids.Count, accepted.Count + refused.Count);
        Assert.NotEmpty(accepted);
        Assert.NotEmpty(refused);
        Assert.All(refused, r => Assert.Equal(Roles.Inventory, JsonDocument.Parse(r.Body).RootElement.GetProperty("step").GetString()));
        await Eventually.TrueAsync(() => accepted.All(id => arm.EffectsOf(Roles.Notify, id) == 1), TimeSpan.FromSeconds(30), "every accepted order completed");
        Assert.All(refused, r => Assert.Equal(0, arm.EffectsOf(Roles.Inventory, r.Id)));
    }
}
