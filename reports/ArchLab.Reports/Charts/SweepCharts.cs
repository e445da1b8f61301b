using ArchLab.Harness.Model.Results;

namespace ArchLab.Reports.Charts;

/// <summary>
/// The curves of a swept run: for each declared arm, a metric at every value of the sweep. They lead the page,
/// because a sweep is run for them (fan-out: latency, the sender's cost and coupling, and the tail against N).
/// </summary>
public static class SweepCharts
{
    private static readonly (string Name, string Title, string Metric, Func<ArmResult, double?> Value)[] Metrics =
    [
        ("sweep-accept-p99", "Accept latency p99 against", "accept p99 (ms)", a => a.LatencyMs.Accept?.P99),
        ("sweep-completion-p99", "Completion latency p99 against", "completion p99 (ms)", a => a.LatencyMs.Completion?.P99),
        ("sweep-edge-cpu", "Edge CPU per request against", "edge CPU per request (ms)", a => a.FanOut?.EdgeCpuMsPerRequest),
        ("sweep-sender-endpoints", "Receiver endpoints the sender is configured with, against", "endpoints", a => a.FanOut?.SenderEndpoints),
        ("sweep-accept-slow", "Share of callers who waited for a slow receiver, against", "slow at the caller (%)", a => a.FanOut?.AcceptSlowFraction * 100),
        ("sweep-completion-slow", "Share of orders slowed by a slow receiver, against", "slow at completion (%)", a => a.FanOut?.CompletionSlowFraction * 100),
    ];

    /// <summary>One chart per metric that some swept arm has; none when nothing was swept.</summary>
    public static IReadOnlyList<ChartSpec> For(IReadOnlyList<ArmResult> arms, ChartStyle style)
    {
        var swept = arms.Where(a => a.Sweep is not null).ToList();
        if (swept.Count == 0)
        {
            return [];
        }

        var parameter = swept[0].Sweep!.Parameter;
        var declared = swept.Select(a => a.Sweep!.Arm).Distinct().ToList();
        var specs = new List<ChartSpec>();
        foreach (var (name, title, metric, value) in Metrics)
        {
            var series = declared
                .Select(arm => new SweepSeries(arm, swept
                    .Where(a => a.Sweep!.Arm == arm && value(a) is not null)
                    .Select(a => ((double)a.Sweep!.Value, value(a)!.Value)).ToList()))
                .ToList();
            if (series.Any(s => s.Points.Count > 0))
            {
                var fullTitle = $"{title} {parameter}";
                specs.Add(new ChartSpec(name, fullTitle, () => SweepChart.Build(fullTitle, parameter, metric, series, style)));
            }
        }

        return specs;
    }
}
