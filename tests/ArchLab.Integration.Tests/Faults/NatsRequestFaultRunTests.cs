using ArchLab.Harness.Model.Scenarios.Loading;
using ArchLab.Integration.Tests.Fixtures;
using ArchLab.Load.Recording;

namespace ArchLab.Integration.Tests.Faults;

/// <summary>NATS request-reply under an outage: the server tells the edge nobody listens, and the caller sees it as its own kind.</summary>
[Collection(ArmProcesses.Name)]
public sealed class NatsRequestFaultRunTests
{
    [Fact]
    public async Task A_killed_step_is_counted_as_no_responders_and_the_books_still_add_up()
    {
        using var folder = new TempFolder("request-kill");
        var yaml = """
            name: request
            title: t
            claim: c
            watch: w
            seed: 5
            workflow:
              steps:
                inventory: { time: fixed(1ms), workers: 8 }
                payment:   { time: fixed(2ms), workers: 8 }
                notify:    { time: fixed(1ms), workers: 8 }
            arms:
              nats-request: { style: nats-request, timeout: 1s }
            load: { model: open, rate: 50/s, duration: 4s, warmup: 500ms, timeout: 3s, drain: 20s, prime: 5 }
            faults:
              - { at: 1s, for: 1500ms, kill: inventory }
            """;

        var results = await folder.RunAsync(ScenarioLoader.Parse(yaml, "request.yaml"));

        var arm = Assert.Single(results.Arms);
        // About 1.5 s at 50/s found nobody subscribed; the server said so at once, so no caller waited for a timeout.
        Assert.True(arm.ErrorsByKind.TryGetValue(ErrorKinds.NoResponders, out var noResponders) && noResponders > 30,
            $"errors by kind: {string.Join(", ", arm.ErrorsByKind.Select(k => $"{k.Key} {k.Value}"))}");
        Assert.DoesNotContain("timeout", arm.ErrorsByKind.Keys);
        Assert.Equal(("kill", "inventory"), (arm.Faults[0].Kind, arm.Faults[0].Target));

        // A synchronous answer means done: every accepted order completed, none lost, and the books add up.
        Assert.Equal(arm.Counts.Offered, arm.Counts.Sent + arm.Counts.DroppedByGenerator);
        Assert.Equal(arm.Counts.Sent, arm.Counts.Accepted + arm.Counts.Errors);
        Assert.Equal(arm.Counts.Accepted, arm.Counts.Completed);
        Assert.Equal(0, arm.Delivery!.Lost);
        Assert.Equal(0, arm.Delivery.Duplicated);
        Assert.True(arm.Accounting!.AddsUp, arm.Accounting.Detail);
    }
}
