using ArchLab.Harness.Model.Results;

namespace ArchLab.EndToEnd.Tests;

/// <summary>
/// Browser pages in headless Chromium following a run's orders, end to end: pushed over the broker's WebSocket listener,
/// or polling the edge; a cut of their connection; and the delays held to what they must be by construction.
/// </summary>
public sealed class CrossDeviceTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>
    /// cross-device quick: while each page's connection is cut, core NATS misses what went out and JetStream and polling
    /// show it late; the pushed pages learn in milliseconds and send next to nothing, the polling ones send a request per
    /// interval; the report tables it, and the simulated twins say why they have no pages.
    /// </summary>
    [Fact]
    public async Task Cross_device_quick_pushes_to_pages_polls_from_them_and_shows_what_a_cut_costs_each()
    {
        var output = NewOutput("cross-device");
        try
        {
            var run = await Wrapper.RunAsync(TimeSpan.FromMinutes(4), "run", "cross-device", "--profile", "quick", "--with-sim", "--output", output);

            var results = ResultsJson.Read(Path.Combine(output, "results.json"));
            var measured = results.Arms.Where(a => !a.Simulated).ToDictionary(a => a.Name);
            Assert.All(measured.Values, arm => Assert.All(arm.Expectations, e => Assert.True(e.Passed, $"{arm.Name}: {e.Expr} ({e.Actual})")));
            foreach (var arm in measured.Values)
            {
                var d = arm.Devices!;
                Assert.Equal(8, d.Pages);
                // Every accepted order of the measured window was done by notify and is an update for one page.
                Assert.Equal(arm.Counts.Accepted, d.Updates);
                Assert.Equal(d.Updates, d.Shown + d.Missed);
                Assert.Equal(0, d.Duplicates);
                // Every page saw the cut: a dropped connection, or failed polls.
                Assert.True(d.Disconnects >= d.Pages, $"{arm.Name}: {d}");
            }

            // What went out during the cut: core NATS dropped it, the others showed it late.
            var (poll, core, stream) = (measured["rest-poll"].Devices!, measured["nats-core"].Devices!, measured["jetstream"].Devices!);
            Assert.InRange(core.Missed, 1, core.Updates / 2);
            Assert.Equal(0, stream.Missed + poll.Missed);
            Assert.True(stream.DelayMs!.Max > 500 && core.DelayMs!.Max < 500, $"late, not lost: jetstream max {stream.DelayMs.Max}, nats-core max {core.DelayMs!.Max}");
            Assert.Equal(0, core.Requests);

            var report = await File.ReadAllTextAsync(Path.Combine(output, "report.md"), Cancel);
            Assert.Contains("## Devices", report, StringComparison.Ordinal);
            Assert.Contains("poll every 500 ms", report, StringComparison.Ordinal);
            var simulated = results.Arms.Where(a => a.Simulated).ToList();
            Assert.All(simulated, arm => Assert.Null(arm.Devices));
            Assert.All(simulated, arm => Assert.Contains(arm.Notes, n => n.Contains("no browser pages", StringComparison.Ordinal)));
            SimulatedAgreement.AssertHolds(results, SimulatedAgreement.Robust);
            Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}\n{run.Output}\n{run.Error}");
        }
        finally
        {
            Delete(output);
        }
    }

    /// <summary>
    /// With nothing cut, a page polling every 200 ms learns of an update after a wait uniform over the interval (the
    /// update's moment is independent of the poll's phase): p50 and mean 100 ms, p90 180 ms, nothing past 200 ms but
    /// the poll's own round trip; a pushed page learns within milliseconds. The browser's clock and the ledger's are put
    /// on one axis by the harness: an error there would shift every delay.
    /// </summary>
    [Fact]
    public async Task A_polling_page_waits_half_its_interval_on_average_and_a_pushed_page_a_few_milliseconds()
    {
        var output = NewOutput("devices-theory");
        var folder = Path.Combine(Path.GetTempPath(), "archlab-tests", $"devices-theory-{Guid.NewGuid():N}");
        var scenario = Path.Combine(folder, "devices-theory.yaml");
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(scenario, """
            name: devices-theory
            title: Polling against theory
            claim: A polling page waits half its interval on average.
            watch: The devices table.
            seed: 5
            workflow:
              steps:
                inventory: { time: fixed(0ms) }
                payment:   { time: exp(1ms), workers: 8 }
                notify:    { time: fixed(0ms) }
            arms:
              poll: { style: inproc, devices: { via: poll, pages: 4, every: 200ms } }
              push: { style: nats-core, devices: { via: nats, pages: 4 } }
            load: { model: open, arrival: poisson, rate: 60/s, duration: 4s, warmup: 500ms }
            """, Cancel);
        try
        {
            var run = await Wrapper.RunAsync(TimeSpan.FromMinutes(3), "run", scenario, "--output", output);

            Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}\n{run.Output}\n{run.Error}");
            var arms = ResultsJson.Read(Path.Combine(output, "results.json")).Arms.ToDictionary(a => a.Name, a => a.Devices!);
            var (poll, push) = (arms["poll"], arms["push"]);
            Assert.Equal((0L, 0L), (poll.Missed, push.Missed));
            // About 240 updates: the p50 of a uniform wait over 200 ms is 100 ms, give or take 7 ms (one standard error).
            Assert.InRange(poll.DelayMs!.P50, 80, 125);
            Assert.InRange(poll.DelayMs.Mean, 80, 125);
            Assert.InRange(poll.DelayMs.P90, 155, 215);
            Assert.InRange(poll.DelayMs.P99, 170, 260);
            Assert.InRange(push.DelayMs!.P50, 0.05, 20);
            // Four pages polling five times a second against 60 updates a second: a third of a request per update.
            Assert.InRange(poll.RequestsPerUpdate!.Value, 0.2, 0.5);
        }
        finally
        {
            Delete(output);
            Delete(folder);
        }
    }

    private static string NewOutput(string name) => Path.Combine(Path.GetTempPath(), "archlab-tests", $"e2e-{name}-{Guid.NewGuid():N}");

    private static void Delete(string folder)
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
