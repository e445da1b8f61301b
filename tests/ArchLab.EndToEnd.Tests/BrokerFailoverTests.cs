using ArchLab.Harness.Model.Results;

namespace ArchLab.EndToEnd.Tests;

/// <summary>broker-failover quick: a cluster of three real nats-server processes losing its stream's leader, then cut from it.</summary>
public sealed class BrokerFailoverTests
{
    [Fact]
    public async Task Broker_failover_quick_keeps_every_acknowledged_order_with_three_copies_and_shows_both_faults()
    {
        var output = Path.Combine(Path.GetTempPath(), "archlab-tests", $"e2e-failover-{Guid.NewGuid():N}");
        try
        {
            var run = await Wrapper.RunAsync(TimeSpan.FromMinutes(6), "run", "broker-failover", "--profile", "quick", "--with-sim", "--output", output);

            var results = ResultsJson.Read(Path.Combine(output, "results.json"));
            var measured = results.Arms.Where(a => !a.Simulated).ToDictionary(a => a.Name);
            Assert.True(measured.ContainsKey("r1") && measured.ContainsKey("r3"), $"arms {string.Join(", ", measured.Keys)}; exit {run.ExitCode}\n{run.Output}\n{run.Error}");
            Assert.All(measured.Values, arm => Assert.All(arm.Expectations, e => Assert.True(e.Passed, $"{arm.Name}: {e.Expr} ({e.Actual})")));
            foreach (var arm in measured.Values)
            {
                // Both windows, under the names the scenario gave them, each closed.
                Assert.Equal([("kill", "broker.leader"), ("partition", "broker.leader")], arm.Faults.Select(f => (f.Kind, f.Target)));
                Assert.All(arm.Faults, f => Assert.NotNull(f.EndSec));
                Assert.True(arm.Accounting!.AddsUp, arm.Accounting.Detail);
                // Three nodes and their ports are parts of the arm; each node's resources are kept under its name.
                Assert.Equal(4 + 3, arm.MovingParts!.Processes);
                Assert.Equal(3, arm.Resources.Count(r => r.Process.StartsWith("nats-server broker.", StringComparison.Ordinal)));
            }

            // R3's leader cut off cannot reach a quorum: a publish it takes waits for the partition to heal, or is refused
            // once the other two have elected a new leader. Either way the window shows, as refused orders or as slow ones.
            // (R1's stream lives on the cut-off node alone and needs no quorum: whether r1 notices depends on which node
            // its edge happened to connect to.)
            var r3 = measured["r3"];
            var partition = r3.Faults[1];
            var quiet = r3.Timeline.Where(p => p.T < r3.Faults[0].StartSec && p.AcceptP99Ms is not null).Max(p => p.AcceptP99Ms!.Value);
            Assert.Contains(r3.Timeline, p => p.T >= partition.StartSec && p.T < partition.EndSec + 1 && (p.Errors > 0 || p.AcceptP99Ms > 10 * quiet + 100));

            Assert.Equal(0, measured["r3"].Delivery!.Lost);
            // Killed for 8 s: r1's only copy is gone until its node is back; r3 takes orders again once the others have
            // elected a leader, whenever that is.
            var (r1Kill, r3Kill) = (measured["r1"].Faults[0], measured["r3"].Faults[0]);
            Assert.True(r1Kill.AcceptResumeSec >= r1Kill.EndSec - r1Kill.StartSec - 0.5, $"r1 took orders again after {r1Kill.AcceptResumeSec} s");
            Assert.NotNull(r3Kill.AcceptResumeSec);
            SimulatedAgreement.AssertHolds(results, SimulatedAgreement.Robust);
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
