using ArchLab.Harness.Model.Agreement;
using ArchLab.Harness.Model.Results;
using ArchLab.Harness.Model.Scenarios;
using ArchLab.Unit.Tests.Metrics;

namespace ArchLab.Unit.Tests.Agreement;

/// <summary>A measured arm against its simulated twin: the bounds, their floors, and the figures a scenario leaves out.</summary>
public class SimulationAgreementTests
{
    private static readonly ArmResult Measured = SampleArms.Jetstream() with
    {
        Delivery = new DeliveryCounts(800, 40, 0, 0, 0, 60, null, 0),
        Recovery = new RecoveryFigures(2.0, 3.0, 100),
        IntervalSec = 0.1,
    };

    [Theory]
    [InlineData("completion.p50", 52.7, true)] // 10% of 48 is 4.8
    [InlineData("completion.p50", 53.0, false)]
    [InlineData("accept.p50", 1.19, true)] // 10% of 1.0 is 0.1, under the p50 floor of 0.2 ms
    [InlineData("accept.p50", 1.25, false)]
    [InlineData("accept.p99", 2.99, true)] // the p99 floor, 0.5 ms
    [InlineData("lost", 71, true)] // chance: 3 * sqrt(40 + 71) is 31.6
    [InlineData("lost", 72, false)]
    [InlineData("expired", 32, true)] // 3 * sqrt(60 + 32) is 28.8
    [InlineData("expired", 31, false)]
    [InlineData("drainSec", 3.25, true)] // two intervals of 0.1 s
    [InlineData("drainSec", 2.6, false)]
    public void A_figure_agrees_within_ten_percent_its_floor_or_chance(string figure, double simulated, bool agree)
    {
        var twin = With(figure, simulated);

        var verdict = SimulationAgreement.Judge(Measured, twin, figure, whyUnmodelled: null);

        Assert.Equal(agree ? AgreementVerdict.Agree : AgreementVerdict.Disagree, verdict.Verdict);
        Assert.Equal(simulated, verdict.Simulated);
    }

    [Fact]
    public void Tiny_counts_agree_within_a_few_orders()
    {
        var measured = Measured with { Delivery = Measured.Delivery! with { Lost = 2 } };

        Assert.Equal(AgreementVerdict.Agree, SimulationAgreement.Judge(measured, With("lost", 0), "lost", null).Verdict);
        Assert.Equal(AgreementVerdict.Agree, SimulationAgreement.Judge(measured, With("lost", 14), "lost", null).Verdict); // 3 * sqrt(16) is 12
        Assert.Equal(AgreementVerdict.Disagree, SimulationAgreement.Judge(measured, With("lost", 15), "lost", null).Verdict);
    }

    [Fact]
    public void A_p99_of_a_few_hundred_orders_is_known_only_roughly_and_of_many_closely()
    {
        var few = Measured with { LatencyMs = Measured.LatencyMs with { Completion = new LatencySummary(240, 50, 45, 60, 94, 120, 120) } };
        var many = few with { LatencyMs = few.LatencyMs with { Completion = few.LatencyMs.Completion! with { Count = 100_000 } } };
        static ArmResult Twin(ArmResult arm, double p99) =>
            arm with { LatencyMs = arm.LatencyMs with { Completion = arm.LatencyMs.Completion! with { P99 = p99 } } };

        // 240 orders put their p99 anywhere from about the 96th percentile to the maximum: 94 and 114 ms are the same.
        Assert.Equal(AgreementVerdict.Agree, SimulationAgreement.Judge(few, Twin(few, 114), "completion.p99", null).Verdict);
        Assert.Equal(AgreementVerdict.Disagree, SimulationAgreement.Judge(many, Twin(many, 114), "completion.p99", null).Verdict);
        Assert.Equal(AgreementVerdict.Agree, SimulationAgreement.Judge(many, Twin(many, 103), "completion.p99", null).Verdict); // 10%
        Assert.Equal(AgreementVerdict.Disagree, SimulationAgreement.Judge(few, Twin(few, 60), "completion.p99", null).Verdict);
    }

    [Fact]
    public void A_drain_is_as_uncertain_as_the_orders_left_near_its_threshold_make_it()
    {
        // A fault from 1 s to 3 s, a backlog of 1 before it (drained back at 6), 200 held back at its end. A long tail:
        // the backlog falls by 10 an interval to 20, then by 1 (REST callers whose jittered backoff lands them after the
        // restart); the drain is read at 6 left (3.2 s), and from 6 + 3 * sqrt(5) = 12.7 left (2.6 s) to 1 left (3.7 s)
        // chance could have put it anywhere.
        var tail = Arm("rest", x => Math.Max(1, Math.Max(200 - (100 * x), 38 - (10 * x))));
        // A steep fall: a stream drains its backlog at the consumer's rate, 90 an interval.
        var steep = Arm("jetstream", x => Math.Max(1, 200 - (900 * x)));
        Assert.Equal(3.2, tail.Recovery.DrainSec!.Value, 3);
        Assert.Equal(1.1, RecoveryAnalysis.DrainSpread(tail, SimulationAgreement.StandardErrors), 3);
        Assert.Equal(0, RecoveryAnalysis.DrainSpread(steep, SimulationAgreement.StandardErrors), 3);

        static ArmResult Drained(ArmResult arm, double sec) => arm with { Recovery = arm.Recovery with { DrainSec = sec } };
        var judged = SimulationAgreement.Judge(tail, Drained(tail, 1.1), "drainSec", null);
        Assert.Equal(2.2, judged.Bound, 3); // both sides' spreads
        Assert.Equal(AgreementVerdict.Agree, judged.Verdict);
        Assert.Equal(AgreementVerdict.Disagree, SimulationAgreement.Judge(tail, Drained(tail, 0.9), "drainSec", null).Verdict);
        // The steep fall (drained at 0.3 s) is known to the interval: two of them, 0.2 s.
        Assert.Equal(0.3, steep.Recovery.DrainSec!.Value, 3);
        Assert.Equal(AgreementVerdict.Agree, SimulationAgreement.Judge(steep, Drained(steep, 0.45), "drainSec", null).Verdict);
        Assert.Equal(AgreementVerdict.Disagree, SimulationAgreement.Judge(steep, Drained(steep, 0.55), "drainSec", null).Verdict);
        // Without a fault there is no drain to be uncertain about.
        Assert.Equal(0, RecoveryAnalysis.DrainSpread(tail with { Faults = [] }, SimulationAgreement.StandardErrors));

        static ArmResult Arm(string style, Func<double, double> backlog)
        {
            var timeline = Enumerable.Range(0, 80).Select(i => Math.Round(i * 0.1, 1))
                .Select(t => new TimelinePoint(t, 10, 10, 10, 0, (long)Math.Round(t < 3 ? (t < 1 ? 1 : 200) : backlog(t - 3)), 1)).ToList();
            var arm = Measured with { Style = style, IntervalSec = 0.1, Timeline = timeline, Faults = [new FaultWindow("kill", "payment", 1, 3)] };
            var recovery = RecoveryAnalysis.Analyse(timeline, new(0.1), arm.Faults, 8, null);
            return arm with { Recovery = recovery };
        }
    }

    [Fact]
    public void A_twin_whose_accept_was_drawn_from_a_few_measured_orders_is_known_only_as_well_as_they_are()
    {
        // 250 orders each side, accept p50 1.32 ms and p90 2.63 ms: the twin's p50 0.37 ms above.
        var measured = Measured with { LatencyMs = Measured.LatencyMs with { Accept = new LatencySummary(250, 1.6, 1.32, 2.63, 4.0, 4.5, 4.5) } };
        var twin = measured with { LatencyMs = measured.LatencyMs with { Accept = measured.LatencyMs.Accept! with { P50 = 1.69 } } };

        Assert.Equal(AgreementVerdict.Disagree, SimulationAgreement.Judge(measured, twin, "accept.p50", null).Verdict);
        // Its ways in and back drawn from 57 of them: the twin's p50 is that sample's, with its error.
        Assert.Equal(AgreementVerdict.Agree, SimulationAgreement.Judge(measured, twin, "accept.p50", null, legSample: 57).Verdict);
        Assert.Equal(AgreementVerdict.Disagree, SimulationAgreement.Judge(measured, twin, "accept.p50", null, legSample: 200).Verdict);
    }

    [Fact]
    public void A_figure_one_side_lacks_disagrees_and_one_neither_has_does_not_apply()
    {
        var noTtl = Measured with { Delivery = Measured.Delivery! with { Expired = null } };

        Assert.Equal(AgreementVerdict.Disagree, SimulationAgreement.Judge(Measured, noTtl, "expired", null).Verdict);
        Assert.Equal(AgreementVerdict.NotApplicable, SimulationAgreement.Judge(noTtl, noTtl, "deadLettered", null).Verdict);
    }

    [Fact]
    public void Every_measured_arm_with_a_twin_is_compared_on_every_figure_but_those_the_scenario_leaves_out()
    {
        var twin = Measured with { Name = "jetstream~sim", Simulated = true, LatencyMs = Measured.LatencyMs with { Accept = Measured.LatencyMs.Accept! with { P99 = 0.1 } } };
        var alone = Measured with { Name = "rest" };
        var results = new RunResults { Scenario = "s", StartedUtc = DateTimeOffset.UnixEpoch, Seed = 1, Environment = new RunEnvironment("m", 2, "linux", "10", null), Arms = [Measured, alone, twin] };
        var spec = new SimulationSpec { Unmodelled = new Dictionary<string, string> { ["jetstream.accept.p99"] = "the simulator's transport time is zero" } };

        var verdicts = SimulationAgreement.Compare(results, spec);

        Assert.Equal(SimulationSpec.Figures, verdicts.Select(v => v.Figure));
        Assert.All(verdicts, v => Assert.Equal("jetstream", v.Arm));
        var accept = verdicts.Single(v => v.Figure == "accept.p99");
        Assert.Equal(AgreementVerdict.Unmodelled, accept.Verdict);
        Assert.Contains("transport time is zero", accept.ToString(), StringComparison.Ordinal);
        var acceptP50 = verdicts.Single(v => v.Figure == "accept.p50");
        Assert.Equal(AgreementVerdict.Unmodelled, acceptP50.Verdict); // no JetStream arm's accept is modelled
        Assert.Contains("round trip to the broker", acceptP50.Reason, StringComparison.Ordinal);
        Assert.All(verdicts.Where(v => v.Figure is not "accept.p50" and not "accept.p99" and not "deadLettered"), v => Assert.Equal(AgreementVerdict.Agree, v.Verdict));
    }

    private static ArmResult With(string figure, double value)
    {
        var latency = Measured.LatencyMs;
        return figure switch
        {
            "accept.p50" => Measured with { LatencyMs = latency with { Accept = latency.Accept! with { P50 = value } } },
            "accept.p99" => Measured with { LatencyMs = latency with { Accept = latency.Accept! with { P99 = value } } },
            "completion.p50" => Measured with { LatencyMs = latency with { Completion = latency.Completion! with { P50 = value } } },
            "lost" => Measured with { Delivery = Measured.Delivery! with { Lost = (long)value } },
            "expired" => Measured with { Delivery = Measured.Delivery! with { Expired = (long)value } },
            "drainSec" => Measured with { Recovery = Measured.Recovery with { DrainSec = value } },
            _ => throw new ArgumentException(figure, nameof(figure)),
        };
    }
}
