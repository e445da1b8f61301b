using System.Globalization;
using ArchLab.Reports.Formatting;

namespace ArchLab.Reports.Compare;

/// <summary>How a comparison's cells read, the same in the terminal, the Markdown and the HTML.</summary>
public static class ComparisonText
{
    public static string Value(double? value, CompareMetric metric) => value switch
    {
        null => Invariant.NotApplicable,
        { } ms when metric.Unit == "ms" => Invariant.Ms(ms),
        { } count when metric.Unit == "" && count == Math.Floor(count) => Invariant.Count((long)count),
        { } other => Invariant.Number(other) + (metric.Unit == "" ? "" : " " + metric.Unit),
    };

    public static string Change(MetricChange change) => change switch
    {
        { Change: { } relative } => relative.ToString("+0.0%;-0.0%;0.0%", CultureInfo.InvariantCulture),
        { A: { } a, B: { } b } => (b - a).ToString("+0.##;-0.##;0", CultureInfo.InvariantCulture),
        _ => "",
    };

    public static string Verdict(MetricChange change) => change.A is { } a && change.B is { } b && a == b ? "same" : Verdict(change.Verdict);

    public static string Verdict(Verdict verdict) => verdict switch
    {
        Compare.Verdict.Better => "better",
        Compare.Verdict.Worse => "worse",
        Compare.Verdict.WithinNoise => "within noise",
        _ => "not comparable",
    };

    /// <summary>How the bands are set, for the foot of every view.</summary>
    public const string Bands =
        "A change counts when it is larger than the metric's noise band: 10% (p50) or 20% (p99) of A for latency, 5% for " +
        "throughput and retry amplification, 20% (at least 1 s) for recovery and drain times; lost and duplicated have no band.";
}
