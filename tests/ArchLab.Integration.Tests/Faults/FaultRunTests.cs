using ArchLab.Contracts.Ledger;
using ArchLab.Harness.Model.Results;
using ArchLab.Harness.Model.Scenarios.Loading;
using ArchLab.Integration.Tests.Fixtures;

namespace ArchLab.Integration.Tests.Faults;

/// <summary>Runs with real faults against real processes: what each style loses, keeps and repeats, and that the books still add up.</summary>
[Collection(ArmProcesses.Name)]
public sealed class FaultRunTests
{
    private static string Scenario(string arms, string faults, string duration = "5s") => $$"""
        name: faults
        title: a fault for the tests
        claim: c
        watch: w
        seed: 3
        workflow:
          steps:
            inventory: { time: exp(1ms), workers: 8 }
            payment:   { time: fixed(5ms), workers: 8 }
            notify:    { time: exp(1ms), workers: 8 }
        arms:
        {{arms}}
        load: { model: open, rate: 50/s, duration: {{duration}}, warmup: 500ms, timeout: 3s, drain: 20s, prime: 5 }
        faults:
        {{faults}}
        """;

    private static async Task<(ArmResult Arm, string Folder)> RunAsync(TempFolder folder, string yaml)
    {
        var results = await folder.RunAsync(ScenarioLoader.Parse(yaml, "faults.yaml"));
        return (Assert.Single(results.Arms), folder.Path);
    }

    [Fact]
    public async Task A_killed_JetStream_consumer_loses_nothing_and_repeats_only_what_it_had_not_acknowledged()
    {
        using var folder = new TempFolder("kill-js");

        var (arm, path) = await RunAsync(folder, Scenario("  jetstream: { style: jetstream, ackWait: 1s }", "  - { at: 1500ms, for: 1500ms, kill: payment }"));

        Assert.True(arm.Accounting!.AddsUp, arm.Accounting.Detail);
        Assert.Equal(0, arm.Delivery!.Lost);
        Assert.Equal(arm.Counts.Accepted, arm.Counts.Completed);
        Assert.True(arm.Reconciliation!.Matches, arm.Reconciliation.Detail);
        var window = Assert.Single(arm.Faults);
        Assert.Equal(("kill", "payment"), (window.Kind, window.Target));
        Assert.InRange(window.StartSec, 1.5, 1.6);
        Assert.InRange(window.EndSec!.Value, 3.0, 3.1);
        Assert.True(arm.Recovery.PeakBacklog > 0, "the backlog grew while payment was down");

        // Every repeated effect is the killed step's, for an order it held unacknowledged when it died:
        // no more than its workers plus its prefetch.
        var repeats = RepeatedEffects(path, "jetstream");
        Assert.All(repeats, r => Assert.Equal(StepCodes.Payment, r.Step));
        Assert.InRange(repeats.Count, 0, 2 * 8);
        Assert.Equal(arm.Delivery.Duplicated, repeats.Select(r => r.Seq).Distinct().Count());
    }

    [Fact]
    public async Task A_killed_REST_step_fails_the_callers_and_leaves_the_steps_before_it_done()
    {
        using var folder = new TempFolder("kill-rest");

        var (arm, _) = await RunAsync(folder, Scenario("  rest: { style: rest, timeout: 2s }", "  - { at: 1500ms, for: 1500ms, kill: payment }"));

        Assert.True(arm.Counts.Errors > 0, "callers saw errors while payment was down");
        Assert.Equal(0, arm.Delivery!.Lost);
        Assert.True(arm.Delivery.PartialEffects > 0, "inventory reserved orders whose payment then failed");
        Assert.True(arm.Accounting!.AddsUp, arm.Accounting.Detail);
        Assert.Contains(arm.ErrorsByKind.Keys, k => k.StartsWith("status_5", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_paused_broker_keeps_every_order_and_the_run_completes_once_it_resumes()
    {
        using var folder = new TempFolder("pause-broker");

        var (arm, _) = await RunAsync(folder, Scenario("  jetstream: { style: jetstream }", "  - { at: 1500ms, for: 1s, pause: broker }"));

        Assert.True(arm.Accounting!.AddsUp, arm.Accounting.Detail);
        Assert.Equal(0, arm.Delivery!.Lost);
        Assert.Equal(0, arm.Delivery.Pending);
        Assert.True(arm.Reconciliation!.Matches, arm.Reconciliation.Detail);
        Assert.True(arm.LatencyMs.Accept!.Max >= 500, $"callers waited through the pause (accept max {arm.LatencyMs.Accept.Max} ms)");
        Assert.Equal(("pause", "broker"), (arm.Faults[0].Kind, arm.Faults[0].Target));
    }

    [Fact]
    public async Task A_TTL_shorter_than_an_outage_expires_orders_and_loses_none()
    {
        using var folder = new TempFolder("ttl");

        var (arm, _) = await RunAsync(folder, Scenario("  jetstream-ttl: { style: jetstream, maxAge: 1s }", "  - { at: 1s, for: 2500ms, kill: payment }"));

        Assert.True(arm.Delivery!.Expired > 0, "orders waited longer than the TTL");
        Assert.Equal(0, arm.Delivery.Lost);
        Assert.True(arm.Accounting!.AddsUp, arm.Accounting.Detail);
        Assert.True(arm.Reconciliation!.Matches, arm.Reconciliation.Detail);
    }

    private static List<(long Seq, ushort Step)> RepeatedEffects(string folder, string arm) =>
        Directory.GetFiles(Path.Combine(folder, "ledgers", arm), "*.ledger")
            .SelectMany(file => new LedgerReader(file).Read())
            .Where(r => !StepCodes.IsFailedAttempt(r.Step))
            .GroupBy(r => (r.Id, r.Step))
            .Where(g => g.Count() > 1)
            .Select(g => (g.Key.Id.Seq, g.Key.Step))
            .ToList();
}

/// <summary>Core NATS under an outage: exactly the orders that reached payment's subject while nobody listened are lost.</summary>
[Collection(ArmProcesses.Name)]
public sealed class CoreLossTests
{
    [Fact]
    public async Task A_killed_core_subscriber_loses_exactly_the_orders_published_while_it_was_down()
    {
        using var folder = new TempFolder("core-loss");
        var yaml = """
            name: core
            title: t
            claim: c
            watch: w
            workflow:
              steps:
                inventory: { time: fixed(1ms), workers: 8 }
                payment:   { time: fixed(1ms), workers: 8 }
            arms:
              nats-core: { style: nats-core }
            load: { rate: 100/s, duration: 4s, warmup: 500ms, prime: 5 }
            faults:
              - { at: 1s, for: 1500ms, kill: payment }
            """;

        var results = await folder.RunAsync(ScenarioLoader.Parse(yaml, "core.yaml"));

        var arm = Assert.Single(results.Arms);
        Assert.True(arm.Accounting!.AddsUp, arm.Accounting.Detail);
        Assert.Equal(0, arm.Counts.Errors);
        var window = Assert.Single(arm.Faults);
        var start = arm.MeasureStartTicks!.Value + Ticks(window.StartSec);
        var end = arm.MeasureStartTicks.Value + Ticks(window.EndSec!.Value);
        var inventory = Effects(folder.Path, StepCodes.Inventory);
        var notified = Effects(folder.Path, StepCodes.Notify).Keys.ToHashSet();
        var lost = inventory.Where(e => !notified.Contains(e.Key)).ToDictionary(e => e.Key, e => e.Value);

        Assert.Equal(arm.Delivery!.Lost, lost.Count);
        Assert.True(arm.Delivery.Lost > 50, $"about 1.5 s of orders at 100/s should be lost, got {arm.Delivery.Lost}");
        // Every lost order left inventory while payment was down (or still starting again)...
        Assert.All(lost.Values, t => Assert.InRange(t, start - Ticks(0.005), end + Ticks(1.0)));
        // ...and every order that left inventory well inside the outage is lost.
        Assert.All(inventory.Where(e => e.Value > start + Ticks(0.05) && e.Value < end), e => Assert.Contains(e.Key, lost.Keys));
    }

    private static long Ticks(double seconds) => (long)(seconds * System.Diagnostics.Stopwatch.Frequency);

    private static Dictionary<ArchLab.Contracts.Messages.OrderId, long> Effects(string folder, ushort step) =>
        new LedgerReader(Path.Combine(folder, "ledgers", "nats-core", $"{StepCodes.NameOf(step)}.ledger")).Read()
            .Where(r => !StepCodes.IsFailedAttempt(r.Step))
            .GroupBy(r => r.Id)
            .ToDictionary(g => g.Key, g => g.Min(r => r.Timestamp));
}
