using ArchLab.Harness.Model.Results;
using ArchLab.Harness.Model.Scenarios;

namespace ArchLab.Harness.Model.Agreement;

/// <summary>
/// Measured and simulated, side by side: each measured arm of a <c>run --with-sim</c> against its <c>&lt;arm&gt;~sim</c>
/// twin on the headline figures (<see cref="SimulationSpec.Figures"/>). The measured run is the truth; a figure agrees
/// when the simulated value is within 10% of it, with floors where 10% means nothing:
/// <list type="bullet">
/// <item>counts (lost, expired, dead-lettered, errors): 10% of the larger of the two, at least
/// <see cref="CountFloor"/> orders, so two and zero agree while a handful of real losses against none do not;</item>
/// <item>latencies: 10% of the measured value, at least the noise floor the <c>compare</c> command uses for a p50 or a
/// p99 (<see cref="P50FloorMs"/>, <see cref="P99FloorMs"/>), below which timers and the histograms' resolution decide;</item>
/// <item>drain time: 10% of the measured value, at least two timeline intervals, the resolution it is measured at.</item>
/// </list>
/// A figure the scenario declares not modelled is left out with its reason.
/// </summary>
public static class SimulationAgreement
{
    public const double Relative = 0.10;

    public const double CountFloor = 3;

    public const double P50FloorMs = 0.2;

    public const double P99FloorMs = 0.5;

    /// <summary>Every figure of every measured arm that has a simulated twin (named <c>arm + suffix</c>) in <paramref name="results"/>.</summary>
    public static IReadOnlyList<FigureAgreement> Compare(RunResults results, SimulationSpec spec, string suffix = "~sim")
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(spec);
        var byName = results.Arms.ToDictionary(a => a.Name, StringComparer.Ordinal);
        var verdicts = new List<FigureAgreement>();
        foreach (var measured in results.Arms.Where(a => !a.Simulated))
        {
            if (!byName.TryGetValue(measured.Name + suffix, out var simulated))
            {
                continue;
            }

            verdicts.AddRange(SimulationSpec.Figures.Select(f => Judge(measured, simulated, f, spec.WhyUnmodelled(measured.Name, f))));
        }

        return verdicts;
    }

    /// <summary>One figure of one arm against its twin.</summary>
    public static FigureAgreement Judge(ArmResult measured, ArmResult simulated, string figure, string? whyUnmodelled)
    {
        ArgumentNullException.ThrowIfNull(measured);
        ArgumentNullException.ThrowIfNull(simulated);
        var (m, s) = (Figure(measured, figure), Figure(simulated, figure));
        var bound = Bound(figure, m, s, measured.IntervalSec);
        if (whyUnmodelled is not null)
        {
            return new FigureAgreement(measured.Name, figure, m, s, bound, AgreementVerdict.Unmodelled, whyUnmodelled);
        }

        var verdict = (m, s) switch
        {
            (null, null) => AgreementVerdict.NotApplicable,
            ({ } a, { } b) when Math.Abs(a - b) <= bound => AgreementVerdict.Agree,
            _ => AgreementVerdict.Disagree,
        };
        return new FigureAgreement(measured.Name, figure, m, s, bound, verdict, null);
    }

    /// <summary>A headline figure of an arm: milliseconds, orders or seconds; null where it does not apply.</summary>
    public static double? Figure(ArmResult arm, string figure)
    {
        ArgumentNullException.ThrowIfNull(arm);
        return figure switch
        {
            "accept.p50" => arm.LatencyMs.Accept?.P50,
            "accept.p99" => arm.LatencyMs.Accept?.P99,
            "completion.p50" => arm.LatencyMs.Completion?.P50,
            "completion.p99" => arm.LatencyMs.Completion?.P99,
            "lost" => arm.Delivery?.Lost,
            "expired" => arm.Delivery?.Expired,
            "deadLettered" => arm.Delivery?.DeadLettered,
            "errors" => arm.Counts.Errors,
            "drainSec" => arm.Recovery.DrainSec,
            _ => throw new ArgumentException($"unknown figure '{figure}'; expected one of: {string.Join(", ", SimulationSpec.Figures)}", nameof(figure)),
        };
    }

    private static double Bound(string figure, double? measured, double? simulated, double intervalSec)
    {
        var m = Math.Abs(measured ?? 0);
        return figure switch
        {
            "accept.p50" or "completion.p50" => Math.Max(Relative * m, P50FloorMs),
            "accept.p99" or "completion.p99" => Math.Max(Relative * m, P99FloorMs),
            "drainSec" => Math.Max(Relative * m, 2 * intervalSec),
            _ => Math.Max(Relative * Math.Max(m, Math.Abs(simulated ?? 0)), CountFloor),
        };
    }
}
