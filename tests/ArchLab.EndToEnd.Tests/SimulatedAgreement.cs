using ArchLab.Harness.Model.Agreement;
using ArchLab.Harness.Model.Results;

namespace ArchLab.EndToEnd.Tests;

/// <summary>What a <c>run --with-sim</c> must show of its simulated twins.</summary>
internal static class SimulatedAgreement
{
    /// <summary>The counts: what the styles lose, expire, dead-letter and fail, the lesson's own figures.</summary>
    public static readonly string[] Counts = ["lost", "expired", "deadLettered", "errors"];

    /// <summary>
    /// Every measured arm has a simulated twin, and each of <paramref name="figures"/> (all when null) agrees with it
    /// or carries the scenario's written reason why the simulator does not model it.
    /// </summary>
    public static void AssertHolds(RunResults results, IReadOnlyCollection<string>? figures = null)
    {
        var measured = results.Arms.Where(a => !a.Simulated).Select(a => a.Name).ToList();
        Assert.All(measured, name => Assert.Contains(results.Arms, a => a.Simulated && a.Name == name + "~sim"));
        Assert.NotNull(results.Agreement);
        Assert.Equal(measured.Order(), results.Agreement!.Select(f => f.Arm).Distinct().Order());
        Assert.All(
            results.Agreement!.Where(f => figures is null || figures.Contains(f.Figure)),
            f => Assert.True(
                f.Verdict is AgreementVerdict.Agree or AgreementVerdict.NotApplicable || (f.Verdict == AgreementVerdict.Unmodelled && !string.IsNullOrWhiteSpace(f.Reason)),
                f.ToString()));
    }
}
