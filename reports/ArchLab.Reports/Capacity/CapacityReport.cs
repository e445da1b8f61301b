using System.Globalization;
using System.Text;
using System.Text.Json;
using ArchLab.Harness.Model.Capacity;
using ArchLab.Reports.Charts;

namespace ArchLab.Reports.Capacity;

/// <summary>A capacity search's files: <c>capacity.json</c>, <c>capacity.md</c> and the latency-throughput charts.</summary>
public static class CapacityReport
{
    public const string JsonFile = "capacity.json";

    public const string MarkdownFile = "capacity.md";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>The curves a capacity report draws: the accept and completion latency, p50 and p99.</summary>
    public static readonly IReadOnlyList<(string Name, string Metric, Func<CapacityStep, double?> Value)> Curves =
    [
        ("capacity-accept-p50", "accept p50", s => s.AcceptMs?.P50),
        ("capacity-accept-p99", "accept p99", s => s.AcceptMs?.P99),
        ("capacity-completion-p50", "completion p50", s => s.CompletionMs?.P50),
        ("capacity-completion-p99", "completion p99", s => s.CompletionMs?.P99),
    ];

    public static async Task<IReadOnlyList<ChartFile>> WriteAsync(CapacityResults results, string folder, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(results);
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, JsonFile), JsonSerializer.Serialize(results, Json), cancellationToken);
        var style = ChartStyle.Default;
        var charts = ChartRenderer.RenderAll([.. Curves.Select(c => new ChartSpec(c.Name, $"{results.Scenario}: {c.Metric} against the offered rate ({results.Source})",
            () => CapacityChart.Build($"{c.Metric} against offered rate", c.Metric, results.Arms, c.Value, style)))], folder, style);
        await File.WriteAllTextAsync(Path.Combine(folder, MarkdownFile), Markdown(results, charts), cancellationToken);
        return charts;
    }

    public static string Markdown(CapacityResults results, IReadOnlyList<ChartFile> charts)
    {
        ArgumentNullException.ThrowIfNull(results);
        var md = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        md.Append(c, $"# Capacity: {results.Scenario}{(results.Profile is { } p ? $" (profile {p})" : "")}, {results.Source}\n\n");
        md.Append(c, $"Each window: {results.WarmupSec:0.###} s of warm-up, then {results.WindowSec:0.###} s measured, open model. ")
          .Append(results.Of == "accept"
            ? "The accept path's capacity: an arm sustains a rate when it accepts within 2% of what was offered and under 0.1% of its orders fail, whatever the backlog behind it does"
            : "An arm sustains a rate when it completes within 2% of what was offered, its backlog does not grow, and under 0.1% of its orders fail")
          .Append(results.Objective is { } o ? $", and {o} holds" : "").Append(c, $". The search ends when the rate that broke is within {results.Precision * 100:0.#}% above the one that held.\n\n");
        md.Append("| arm | style | capacity (orders/s) | broke at | what broke | windows | backlog resets |\n| --- | --- | ---: | ---: | --- | ---: | ---: |\n");
        foreach (var arm in results.Arms)
        {
            md.Append(c, $"| {arm.Arm} | {arm.Style} | {arm.Capacity} | {(arm.AbovePerSec is { } a ? a.ToString("0.#", c) : "")} | {string.Join("; ", arm.Broken)} | {arm.Windows.Count} | {arm.Resets} |\n");
        }

        foreach (var arm in results.Arms)
        {
            md.Append(c, $"\n## {arm.Arm}\n\n| window | rate | offered/s | accepted/s | completed/s | errors | backlog growth | unfinished | accept p50 / p99 ms | completion p50 / p99 ms | verdict |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |\n");
            foreach (var w in arm.Windows.OrderBy(w => w.RatePerSec))
            {
                md.Append(c, $"| {w.Kind} | {w.RatePerSec:0.#} | {w.OfferedPerSec:0.#} | {w.AcceptedPerSec:0.#} | {w.CompletedPerSec:0.#} | {w.ErrorShare * 100:0.##}% | {(w.BacklogGrowth is { } g ? g.ToString(c) : "n/a")} | {w.Unfinished} | {Pair(w.AcceptMs)} | {Pair(w.CompletionMs)} | {(w.Held ? "held" : string.Join("; ", w.Broken))} |\n");
            }
        }

        md.Append('\n');
        foreach (var chart in charts)
        {
            md.Append(chart.Drawn ? $"![{chart.Title}]({chart.SvgPath})\n\n" : $"({chart.Title}: not drawn, {chart.Error})\n\n");
        }

        return md.ToString();

        string Pair(Quantiles? q) => q is null ? "n/a" : string.Create(c, $"{q.P50:0.##} / {q.P99:0.##}");
    }
}
