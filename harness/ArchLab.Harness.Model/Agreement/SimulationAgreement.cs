using ArchLab.Contracts.Workflow;
using ArchLab.Harness.Model.Results;
using ArchLab.Harness.Model.Scenarios;

namespace ArchLab.Harness.Model.Agreement;

/// <summary>
/// Measured and simulated, side by side: each measured arm of a <c>run --with-sim</c> against its <c>&lt;arm&gt;~sim</c>
/// twin on the headline figures (<see cref="SimulationSpec.Figures"/>). The measured run is the truth. A figure agrees
/// when the two differ by no more than the largest of three things:
/// <list type="bullet">
/// <item>what the model may be off by: 10% (of the measured value; of the larger of the two for a count);</item>
/// <item>a floor where 10% means nothing: <see cref="CountFloor"/> orders, the noise floor the <c>compare</c> command
/// uses for a p50 or a p99 (<see cref="P50FloorMs"/>, <see cref="P99FloorMs"/>), two timeline intervals for a drain;</item>
/// <item>what chance alone may do with the run's few orders: <see cref="StandardErrors"/> standard errors of the
/// difference of two estimates, each side from its own sample (<see cref="SamplingBound"/>).</item>
/// </list>
/// A figure the scenario declares not modelled is left out with its reason, and so is one no simulation models
/// (<see cref="NotModelled"/>).
/// </summary>
public static class SimulationAgreement
{
    public const double Relative = 0.10;

    public const double CountFloor = 3;

    public const double P50FloorMs = 0.2;

    public const double P99FloorMs = 0.5;

    /// <summary>
    /// How many standard errors of chance a difference may be. A <c>--with-sim</c> run compares some forty figures,
    /// and a workshop runs ten scenarios: at two, one figure in twenty would differ by chance alone.
    /// </summary>
    public const double StandardErrors = 3;

    /// <summary>Every figure of every measured arm that has a simulated twin (named <c>arm + suffix</c>) in <paramref name="results"/>.</summary>
    /// <param name="callerLegsCalibrated">Arms whose simulated twin took the caller's way in and back from this run (calibration).</param>
    /// <param name="legSamples">By arm: how many measured orders the twin's ways in and back were drawn from (<see cref="SamplingBound"/>).</param>
    public static IReadOnlyList<FigureAgreement> Compare(
        RunResults results, SimulationSpec spec, string suffix = "~sim", IReadOnlySet<string>? callerLegsCalibrated = null, IReadOnlyDictionary<string, int>? legSamples = null)
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

            var legs = legSamples?.GetValueOrDefault(measured.Name);
            verdicts.AddRange(SimulationSpec.Figures.Select(f =>
                Judge(measured, simulated, f, spec.WhyUnmodelled(measured.Name, f)
                    ?? (callerLegsCalibrated?.Contains(measured.Name) == true ? null : NotModelled(measured.Style, f)), legs is > 0 ? legs : null)));
        }

        return verdicts;
    }

    /// <summary>One figure of one arm against its twin.</summary>
    /// <param name="legSample">How many measured orders the twin's ways in and back were drawn from; null: not calibrated so.</param>
    public static FigureAgreement Judge(ArmResult measured, ArmResult simulated, string figure, string? whyUnmodelled, int? legSample = null)
    {
        ArgumentNullException.ThrowIfNull(measured);
        ArgumentNullException.ThrowIfNull(simulated);
        var (m, s) = (Figure(measured, figure), Figure(simulated, figure));
        var bound = Math.Max(Bound(figure, m, s, measured.IntervalSec), SamplingBound(measured, simulated, figure, legSample));
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

    /// <summary>
    /// Why a simulation from the scenario alone does not model <paramref name="figure"/> of an arm of <paramref name="style"/>,
    /// or null. Where the edge answers on the broker's acknowledgement, such a simulator answers on arrival: it spends no
    /// time between the caller and the broker, and a measured accept latency there is that round trip and nothing the
    /// scenario describes. Calibrated from the run's caller log, the simulator takes that round trip too.
    /// </summary>
    public static string? NotModelled(string style, string figure) =>
        figure is "accept.p50" or "accept.p99" && (Styles.NeedsBroker(style) || Styles.NeedsRabbit(style)) && !Styles.AnswersOnCompletion(style)
            ? "the simulator answers on arrival; the measured accept is the round trip to the broker"
            : null;

    /// <summary>
    /// How far apart chance alone may put the two sides of a figure: <see cref="StandardErrors"/> standard errors of
    /// their difference. A count of orders (lost, expired, ...) is a count of rare events, Poisson-like, so the variance
    /// of a difference is about the sum of the two counts. A quantile <c>q</c> estimated from <c>n</c> latencies stands,
    /// by rank, anywhere within <c>sqrt(q(1-q)/n)</c> of <c>q</c> (one standard error); that spread of rank becomes
    /// milliseconds through the shape of the tail, an exponential fitted through the arm's own quantiles
    /// (p50 and p90 for a p50, p90 and p99 for a p99): for a p99 of 240 orders it is the latency between
    /// about the 96th percentile and the maximum.
    /// </summary>
    /// <para>
    /// A twin whose accept is the caller's way in and back, drawn from the measured orders of calibration, has the
    /// accept quantiles of that sample, however many orders it simulates: its error is that of <paramref name="legSample"/>
    /// orders (durability's r1-kill: 57 to 144 of 250, its twin's accept p50 0.2 to 0.4 ms either side of the measured).
    /// </para>
    public static double SamplingBound(ArmResult measured, ArmResult simulated, string figure, int? legSample = null)
    {
        ArgumentNullException.ThrowIfNull(measured);
        ArgumentNullException.ThrowIfNull(simulated);
        var accept = simulated.LatencyMs.Accept is { } a && legSample is { } n && n < a.Count ? a with { Count = n } : simulated.LatencyMs.Accept;
        return figure switch
        {
            "accept.p50" => Quantile(measured.LatencyMs.Accept, accept, 0.5),
            "accept.p99" => Quantile(measured.LatencyMs.Accept, accept, 0.99),
            "completion.p50" => Quantile(measured.LatencyMs.Completion, simulated.LatencyMs.Completion, 0.5),
            "completion.p99" => Quantile(measured.LatencyMs.Completion, simulated.LatencyMs.Completion, 0.99),
            "drainSec" => RecoveryAnalysis.DrainSpread(measured, StandardErrors) + RecoveryAnalysis.DrainSpread(simulated, StandardErrors),
            _ => StandardErrors * Math.Sqrt(Math.Abs(Figure(measured, figure) ?? 0) + Math.Abs(Figure(simulated, figure) ?? 0)),
        };
    }

    private static double Quantile(LatencySummary? measured, LatencySummary? simulated, double q)
    {
        if (measured is not { Count: > 0 } m || simulated is not { Count: > 0 } s)
        {
            return 0;
        }

        // One standard error of the difference, as a spread of tail probability (1 - q).
        var tail = 1 - q;
        var spread = StandardErrors * Math.Sqrt(q * (1 - q) * ((1.0 / m.Count) + (1.0 / s.Count)));

        // The exponential tail through the measured quantiles: latency = a + scale * ln(1 / tail).
        var scale = q < 0.9 ? (m.P90 - m.P50) / Math.Log(5) : (m.P99 - m.P90) / Math.Log(10);

        // Ranks spread both ways. Towards the maximum the tail is steeper, and past the last rank there is only the
        // maximum itself.
        var at = q < 0.9 ? m.P50 : m.P99;
        var lower = scale * Math.Log((tail + spread) / tail);
        var upper = spread < tail ? Math.Min(scale * Math.Log(tail / (tail - spread)), m.Max - at) : m.Max - at;
        return Math.Max(0, Math.Max(lower, upper));
    }
}
