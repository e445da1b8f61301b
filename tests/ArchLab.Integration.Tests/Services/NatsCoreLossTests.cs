using System.Net.Http.Json;
using ArchLab.Contracts.Messages;
using ArchLab.Contracts.Workflow;
using ArchLab.Harness.Processes;
using ArchLab.Integration.Tests.Fixtures;

namespace ArchLab.Integration.Tests.Services;

/// <summary>Core NATS keeps nothing: what is published while a subscriber is down is lost, and the edge never knows.</summary>
[Collection(ArmProcesses.Name)]
public sealed class NatsCoreLossTests(NatsCoreArm arm) : IClassFixture<NatsCoreArm>
{
    [Fact]
    public async Task Orders_published_while_a_subscriber_is_down_are_lost_and_the_others_complete()
    {
        var cancel = TestContext.Current.CancellationToken;
        using var client = new HttpClient();
        var payment = arm.Roles[Roles.Payment];
        await arm.Services.EndAsync(Roles.Payment, Signal.Kill);

        var lost = Enumerable.Range(0, 10).Select(_ => arm.NextId()).ToList();
        foreach (var id in lost)
        {
            using var response = await client.PostAsJsonAsync(new Uri(arm.Edge, "/orders"), new PlaceOrder(id.ToString(), "p"), cancel);
            Assert.True(response.IsSuccessStatusCode, "the edge accepts: it cannot know that nobody listens");
        }

        // Inventory did its step and published to payment's subject while nobody listened there.
        await Eventually.TrueAsync(() => lost.All(id => arm.EffectsOf(Roles.Inventory, id) == 1), TimeSpan.FromSeconds(15), "inventory did every order");
        await arm.RestartAsync(Roles.Payment, payment);

        var later = Enumerable.Range(0, 10).Select(_ => arm.NextId()).ToList();
        foreach (var id in later)
        {
            using var response = await client.PostAsJsonAsync(new Uri(arm.Edge, "/orders"), new PlaceOrder(id.ToString(), "p"), cancel);
            Assert.True(response.IsSuccessStatusCode);
        }

        await Eventually.TrueAsync(() => later.All(id => arm.EffectsOf(Roles.Notify, id) == 1), TimeSpan.FromSeconds(15), "the later orders completed");
        Assert.All(lost, id => Assert.Equal((0, 0), (arm.EffectsOf(Roles.Payment, id), arm.EffectsOf(Roles.Notify, id))));
    }
}
