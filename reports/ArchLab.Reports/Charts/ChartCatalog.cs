using ArchLab.Harness.Model.Results;
using ArchLab.Harness.Model.Tracing;
using ArchLab.Reports.Histograms;

namespace ArchLab.Reports.Charts;

/// <summary>The charts of a run's report, in page order, and what could not be charted.</summary>
public static class ChartCatalog
{
    /// <param name="results">The run.</param>
    /// <param name="runFolder">Where the <c>.hlog</c> files are.</param>
    /// <param name="style">Sizes.</param>
    /// <param name="notes">Receives a line for each arm whose latency log is missing.</param>
    public static IReadOnlyList<ChartSpec> For(RunResults results, string runFolder, ChartStyle style, ICollection<string> notes)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(notes);
        var arms = results.Arms;
        var specs = new List<ChartSpec>(SweepCharts.For(arms, style))
        {
            Spectrum("spectrum-accept", "Accept latency by percentile", LatencyLog.Accept, arms, runFolder, style, notes),
            Spectrum("spectrum-completion", "Completion latency by percentile", LatencyLog.Completion, arms, runFolder, style, notes),
            new("timeline-accepted", "Accepted per second, with the offered rate", () => TimelineCharts.Accepted(arms, style)),
            new("timeline-completed", "Completed per second, with the offered rate", () => TimelineCharts.Completed(arms, style)),
            new("timeline-errors", "Errors per second", () => TimelineCharts.Errors(arms, style)),
        };
        if (TimelineCharts.HasBacklog(arms))
        {
            specs.Add(new("timeline-backlog", "Backlog held by the broker", () => TimelineCharts.Backlog(arms, style)));
        }

        if (TimelineCharts.HasLostAcked(arms))
        {
            specs.Add(new("timeline-lost", "Acknowledged, then lost (by when each was acknowledged)", () => TimelineCharts.LostAcked(arms, style)));
        }

        specs.Add(new("timeline-accept-p99", "Accept latency p99 per second", () => TimelineCharts.AcceptP99(arms, style)));
        specs.Add(new("bars-accept", "Accept latency p50 and p99", () => LatencyBarChart.Build("Accept latency p50 and p99", arms, a => a.LatencyMs.Accept, style)));
        specs.Add(new("bars-completion", "Completion latency p50 and p99", () => LatencyBarChart.Build("Completion latency p50 and p99", arms, a => a.LatencyMs.Completion, style)));
        specs.Add(new("delivery", "Delivery classes per arm", () => DeliveryChart.Build(arms, style)));
        foreach (var arm in arms.Where(a => a.Tracing is not null))
        {
            var traces = TraceWaterfall.OrderTraces(SpanFile.Read(Path.Combine(runFolder, SpanFile.FileName(arm.Name))));
            if (TraceWaterfall.Pick(traces) is not { } picked)
            {
                notes.Add($"Trace waterfall of {arm.Name}: no order trace in {SpanFile.FileName(arm.Name)}.");
                continue;
            }

            specs.Add(new($"traces-{arm.Name}", $"Traces of {arm.Name}: a typical order and the slowest",
                () => TraceWaterfall.Build(arm.Name, picked.Typical, picked.Slowest, style))
            {
                Height = TraceWaterfall.HeightFor(picked.Typical.Count + picked.Slowest.Count, style),
            });
        }

        return specs;
    }

    private static ChartSpec Spectrum(string name, string title, LatencyLog log, IReadOnlyList<ArmResult> arms, string runFolder, ChartStyle style, ICollection<string> notes)
    {
        // The logs are read now, not at render time, so a missing file is noted even if drawing fails later.
        var spectra = new List<(string, IReadOnlyList<SpectrumPoint>?)>();
        foreach (var arm in arms)
        {
            var file = LatencyLogFiles.FileName(arm.Name, log);
            var histogram = Read(Path.Combine(runFolder, file), out var problem);
            if (histogram is null)
            {
                notes.Add($"{title}: arm {arm.Name} left out, {file} {problem}.");
            }

            spectra.Add((arm.Name, histogram is null ? null : PercentileSpectrum.Of(histogram)));
        }

        return new ChartSpec(name, title, () => SpectrumChart.Build(title, spectra, style));
    }

    private static HdrHistogram.HistogramBase? Read(string path, out string problem)
    {
        problem = "is missing";
        try
        {
            return HlogReader.TryReadSum(path);
        }
#pragma warning disable CA1031 // a damaged log costs one line of one chart, not the report
        catch (Exception e)
#pragma warning restore CA1031
        {
            problem = $"could not be read ({e.GetType().Name}: {e.Message})";
            return null;
        }
    }
}
