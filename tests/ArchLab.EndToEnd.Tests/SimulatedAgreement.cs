using ArchLab.Harness.Model.Agreement;
using ArchLab.Harness.Model.Results;

namespace ArchLab.EndToEnd.Tests;

/// <summary>What a <c>run --with-sim</c> must show of its simulated twins.</summary>
internal static class SimulatedAgreement
{
    /// <summary>
    /// The figures a test holds on a machine shared with other work: every headline figure but the p99s. A p99 of a
    /// quick run's few hundred orders moves with stalls that hit several orders at once (the operating system
    /// preempting the whole process while a build runs beside it: monolith's nats-request completion p99 measured
    /// 16.3 ms against 8.8 simulated so, within the bound on a quiet machine); the simulator draws each order's times
    /// apart and cannot follow a stall. Every <c>--with-sim</c> run still compares and reports the p99s.
    /// </summary>
    public static readonly string[] Robust = ["accept.p50", "completion.p50", "lost", "expired", "deadLettered", "errors", "drainSec"];

    /// <summary>
    /// Every measured arm has a simulated twin, and each of <paramref name="figures"/> (all when null) agrees with it
    /// or carries the scenario's written reason why the simulator does not model it. An arm whose steps this machine
    /// did not run as the scenario says (a service time strayed past 10% from what was drawn: the run's own note, from
    /// its ledgers) is not judged: its two cores were taken by other work, which delays every hop and restart of the
    /// measured run and none of the simulated one. The agreement is still computed and reported for it.
    /// </summary>
    public static void AssertHolds(RunResults results, IReadOnlyCollection<string>? figures = null)
    {
        var measured = results.Arms.Where(a => !a.Simulated).Select(a => a.Name).ToList();
        Assert.All(measured, name => Assert.Contains(results.Arms, a => a.Simulated && a.Name == name + "~sim"));
        Assert.NotNull(results.Agreement);
        Assert.Equal(measured.Order(), results.Agreement!.Select(f => f.Arm).Distinct().Order());
        Assert.All(results.Agreement!, f => Assert.True(Enum.IsDefined(f.Verdict), f.ToString()));
        var busy = results.Arms.Where(a => !a.Simulated && Strayed(a)).Select(a => a.Name).ToHashSet();
        foreach (var arm in busy)
        {
            TestContext.Current.SendDiagnosticMessage($"{results.Scenario}: agreement of {arm} not judged: the machine did not keep its service times");
        }

        Assert.All(
            results.Agreement!.Where(f => (figures is null || figures.Contains(f.Figure)) && !busy.Contains(f.Arm)),
            f => Assert.True(
                f.Verdict is AgreementVerdict.Agree or AgreementVerdict.NotApplicable || (f.Verdict == AgreementVerdict.Unmodelled && !string.IsNullOrWhiteSpace(f.Reason)),
                f.ToString()));
    }

    private static bool Strayed(ArmResult arm) =>
        arm.ServiceTimes?.Any(t => Math.Abs(t.MeanDeviation ?? 0) > StepServiceTime.NoteAbove) == true;
}
