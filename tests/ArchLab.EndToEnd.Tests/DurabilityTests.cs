using ArchLab.Harness.Model.Results;

namespace ArchLab.EndToEnd.Tests;

/// <summary>
/// durability quick, through ./archlab: three-node clusters whose stores are on the lazy filesystem, the stream's
/// leader losing its power while a backlog waits. The claims are the scenario's expectations; here also where each
/// arm's lost orders were acknowledged, the broker's own count of what it took back, that the simulated twins agree,
/// and that no mount is left.
/// </summary>
public sealed class DurabilityTests
{
    [Fact]
    public async Task Durability_quick_loses_what_R1_acknowledged_within_the_write_back_and_nothing_with_three_copies_or_a_kill()
    {
        var output = Path.Combine(Path.GetTempPath(), "archlab-tests", $"e2e-durability-{Guid.NewGuid():N}");
        try
        {
            var run = await Wrapper.RunAsync(TimeSpan.FromMinutes(6), "run", "durability", "--profile", "quick", "--with-sim", "--output", output);

            var results = ResultsJson.Read(Path.Combine(output, "results.json"));
            var arms = results.Arms.ToDictionary(a => a.Name);
            // The broker's own fsync policy needs nats-server 2.10: on an older one its arm is not run, and the run says why.
            var syncs = Version.TryParse(results.Environment.NatsServer, out var server) && server >= new Version(2, 10);
            Assert.True(arms.Count == (syncs ? 10 : 8), $"arms {string.Join(", ", arms.Keys)}; exit {run.ExitCode}\n{run.Output}\n{run.Error}");
            if (syncs)
            {
                Assert.Equal(0, arms["r1-sync-always"].Delivery!.Lost);
            }
            else
            {
                var notRun = Assert.Single(results.NotRun);
                Assert.Equal("r1-sync-always", notRun.Arm);
                Assert.Contains($"from 2.10 on; this machine's nats-server is {results.Environment.NatsServer}", notRun.Reason, StringComparison.Ordinal);
                Assert.Contains("not run: r1-sync-always", run.Output, StringComparison.Ordinal);
            }

            Assert.All(arms.Values.Where(a => !a.Simulated), arm => Assert.All(arm.Expectations, e => Assert.True(e.Passed, $"{arm.Name}: {e.Expr} ({e.Actual})")));
            Assert.All(arms.Values.Where(a => !a.Simulated), arm => Assert.True(arm.Accounting!.AddsUp, arm.Accounting.Detail));
            SimulatedAgreement.AssertHolds(results, SimulatedAgreement.Robust);

            // R1 lost what it acknowledged within the write-back age (500 ms in the quick profile) before the power went.
            var r1 = Assert.Single(arms["r1"].Faults).PowerLoss!;
            Assert.InRange(r1.LostAckedFromSec!.Value, -0.75, 0);
            Assert.Equal(0, r1.FsyncsBefore);
            Assert.True(r1.BytesDropped > 0);
            // The broker's own count: read before the fault and once it was back, its stream's last sequence went back
            // by at least the orders lost (the stream holds each order and its steps' events).
            Assert.InRange(r1.SequencesTakenBack!.Value, r1.LostOrders!.Value, r1.StreamBefore!.LastSeq);
            // Killed instead, nothing was taken back.
            var kill = Assert.Single(arms["r1-kill"].Faults).PowerLoss!;
            Assert.True(kill.CacheKept);
            Assert.Equal(0, kill.BytesDropped);
            // With write-back 0 the stream's own files went too: names were taken back.
            Assert.True(Assert.Single(arms["r1-fsync-only"].Faults).PowerLoss!.NamesDropped > 0);
            Assert.DoesNotContain(File.ReadLines("/proc/mounts"), line => line.Contains(output, StringComparison.Ordinal));
            Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}\n{run.Output}\n{run.Error}");
        }
        finally
        {
            if (Directory.Exists(output))
            {
                Directory.Delete(output, recursive: true);
            }
        }
    }
}
