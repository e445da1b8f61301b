using System.Diagnostics;
using ArchLab.Cli;
using ArchLab.Cli.Commands;
using ArchLab.Contracts.Ledger;
using ArchLab.Contracts.Messages;
using ArchLab.Harness.Agents;
using ArchLab.Harness.Ledger;
using ArchLab.Harness.Model.Scenarios.Loading;

namespace ArchLab.Unit.Tests.Agents;

/// <summary><c>run --place</c>: what it accepts, and a placed role's ledger moved onto this machine's clock.</summary>
public sealed class PlacementTests
{
    private static readonly ArchLab.Harness.Model.Scenarios.Scenario Scenario = ScenarioLoader.Parse("""
        name: placed
        title: t
        claim: c
        watch: w
        arms:
          rest:   { style: rest }
          inproc: { style: inproc }
        load: { rate: 10/s, duration: 1s }
        """, "placed.yaml");

    [Fact]
    public void A_role_of_every_arm_is_placed_by_name()
    {
        Assert.Equal(new Dictionary<string, string> { ["edge"] = "host-b", ["payment"] = "host-c" },
            RunAgents.Placement(Scenario with { Arms = [Scenario.Arms[0]] }, ["edge=host-b", "payment = host-c"]));
        Assert.Empty(RunAgents.Placement(Scenario, []));
    }

    [Theory]
    [InlineData("payment", "expected ROLE=AGENT")]
    [InlineData("payment=host.b", "expected ROLE=AGENT")]
    [InlineData("billing=host-b", "arm rest has no role billing")]
    [InlineData("payment=host-b", "arm inproc (inproc) runs every step inside the edge's process")]
    public void A_placement_the_run_cannot_honour_is_refused_with_the_reason(string place, string reason)
    {
        var refused = Assert.Throws<UsageException>(() => RunAgents.Placement(Scenario, [place]));
        Assert.Contains(reason, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_role_placed_twice_is_refused()
    {
        var refused = Assert.Throws<UsageException>(() => RunAgents.Placement(Scenario, ["edge=a", "edge=b"]));
        Assert.Contains("names edge twice", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_complete_record_of_a_fetched_ledger_is_moved_onto_this_clock_and_a_torn_slot_is_left_for_the_checker()
    {
        var path = Path.GetTempFileName();
        try
        {
            var records = Enumerable.Range(1, 3).Select(i => new LedgerRecord(new OrderId(7, i), StepCodes.Of("payment"), 1, 1_000 * i, 42, 10, 12)).ToList();
            var bytes = new byte[LedgerRecord.Size * 4];
            for (var i = 0; i < 3; i++)
            {
                records[i].WriteTo(bytes.AsSpan((i == 2 ? 3 : i) * LedgerRecord.Size, LedgerRecord.Size));
            }

            File.WriteAllBytes(path, bytes); // slot 2 is a hole, as a crash leaves one
            LedgerShift.Rewrite(path, t => t + 500);

            var after = File.ReadAllBytes(path);
            Assert.Equal(bytes.Length, after.Length);
            Assert.Equal(new byte[LedgerRecord.Size], after[(2 * LedgerRecord.Size)..(3 * LedgerRecord.Size)]);
            Assert.Equal(records.Select(r => r with { Timestamp = r.Timestamp + 500 }), new LedgerReader(path).Read());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void An_agents_ticks_become_this_machines_through_the_wall_clock()
    {
        // The agent read its clocks 2 s of wall time ahead of this machine, and its monotonic clock counts from
        // elsewhere and in microseconds: a tick of it 0.5 s after its reading is this machine's now + 2.5 s.
        var reply = new RoleReply(null, Wall: DateTimeOffset.UtcNow.AddSeconds(2), Ticks: 9_000_000, Frequency: 1_000_000);
        var now = Stopwatch.GetTimestamp();

        var clock = RolePlacement.ClockOf(reply);

        var mapped = clock(9_500_000);
        Assert.InRange((mapped - now) / (double)Stopwatch.Frequency, 2.5 - 0.05, 2.5 + 0.05);
        Assert.Equal(Stopwatch.Frequency / 1000.0, clock(9_001_000) - clock(9_000_000), 1.0);
    }
}
