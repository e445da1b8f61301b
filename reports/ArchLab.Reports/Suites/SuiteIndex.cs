using System.Net;
using System.Text;
using ArchLab.Harness.Model.Results;
using ArchLab.Reports.Charts;
using ArchLab.Reports.Exporters;
using ScottPlot;

namespace ArchLab.Reports.Suites;

/// <summary>One scenario of a suite: its run folder relative to the suite's, and its results (null when the run failed).</summary>
public sealed record SuiteEntry(string Scenario, string RunFolder, RunResults? Results, string? Failure)
{
    public int Held => Results?.Arms.Sum(a => a.Expectations.Count(e => e.Passed)) ?? 0;

    public int Failed => Results?.Arms.Sum(a => a.Expectations.Count(e => !e.Passed)) ?? 0;

    public bool BooksAddUp => Results?.Arms.All(a => a.Accounting?.AddsUp != false) ?? false;

    public bool Passed => Failure is null && Failed == 0 && BooksAddUp;
}

/// <summary>
/// The page of a suite: <c>index.html</c> (self-contained) and <c>index.md</c> link each scenario's report and show
/// one overview chart, expectations held and failed per scenario, and the moving parts of each style across the suite.
/// </summary>
public static class SuiteIndex
{
    public const string ChartName = "overview";

    public static async Task WriteAsync(string suiteFolder, string profile, IReadOnlyList<SuiteEntry> entries, CancellationToken cancellationToken)
    {
        var chart = ChartRenderer.Render(new ChartSpec(ChartName, "Expectations per scenario", () => Overview(entries)), suiteFolder, ChartStyle.Default);
        var png = chart.Drawn ? Convert.ToBase64String(await File.ReadAllBytesAsync(Path.Combine(suiteFolder, chart.PngPath), cancellationToken)) : null;
        await File.WriteAllTextAsync(Path.Combine(suiteFolder, "index.html"), Html(profile, entries, png, chart.Error), cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(suiteFolder, "index.md"), Markdown(profile, entries, chart), cancellationToken);
    }

    private static Plot Overview(IReadOnlyList<SuiteEntry> entries)
    {
        var plot = new Plot();
        var held = Color.FromHex("#009E73");
        var failed = Color.FromHex("#D55E00");
        for (var i = 0; i < entries.Count; i++)
        {
            var e = entries[i];
            plot.Add.Bar(new Bar { Position = i, ValueBase = 0, Value = e.Held, FillColor = held });
            plot.Add.Bar(new Bar { Position = i, ValueBase = e.Held, Value = e.Held + e.Failed, FillColor = failed });
        }

        plot.Axes.Bottom.SetTicks([.. entries.Select((_, i) => (double)i)], [.. entries.Select(e => e.Scenario)]);
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = "held", FillColor = held });
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = "failed", FillColor = failed });
        ChartStyle.Default.Apply(plot, "Expectations per scenario", "scenario", "expectations");
        plot.Axes.Margins(bottom: 0);
        return plot;
    }

    private static string Html(string profile, IReadOnlyList<SuiteEntry> entries, string? png, string? chartError)
    {
        static string E(string text) => WebUtility.HtmlEncode(text);
        var html = new StringBuilder();
        html.AppendLine($"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Suite {E(profile)}</title><style>{HtmlStyles.Css}</style></head><body>");
        html.AppendLine($"<h1>Suite <code>{E(profile)}</code>: {entries.Count(e => e.Passed)} of {entries.Count} scenarios held</h1>");
        html.AppendLine(png is null
            ? $"<p>overview chart not drawn: {E(chartError ?? "")}</p>"
            : $"<img alt=\"expectations held and failed per scenario\" src=\"data:image/png;base64,{png}\">");
        html.AppendLine("<table><tr><th>scenario</th><th>claim</th><th>held</th><th>failed</th><th>books</th><th>report</th></tr>");
        foreach (var e in entries)
        {
            var link = e.Results is null ? E(e.Failure ?? "no results") : $"<a href=\"{E(e.RunFolder)}/report.html\">report</a>";
            html.AppendLine($"<tr><td>{E(e.Scenario)}</td><td style=\"text-align:left\">{E(e.Results?.Claim?.Trim() ?? "")}</td><td>{e.Held}</td>" +
                $"<td{(e.Failed > 0 ? " class=\"fail\"" : "")}>{e.Failed}</td><td{(e.BooksAddUp ? "" : " class=\"fail\"")}>{(e.BooksAddUp ? "add up" : "do not add up")}</td><td>{link}</td></tr>");
        }

        html.AppendLine("</table>");
        if (ReportTables.PartsByStyle(entries.SelectMany(e => e.Results?.Arms ?? [])) is { Rows.Count: > 0 } parts)
        {
            HtmlExporter.Table(html, "Moving parts by style", parts, "");
        }

        html.AppendLine("</body></html>");
        return html.ToString();
    }

    private static string Markdown(string profile, IReadOnlyList<SuiteEntry> entries, ChartFile chart)
    {
        var md = new StringBuilder();
        md.AppendLine($"# Suite `{profile}`: {entries.Count(e => e.Passed)} of {entries.Count} scenarios held").AppendLine();
        md.AppendLine(chart.Drawn ? $"![expectations per scenario]({chart.PngPath})" : $"overview chart not drawn: {chart.Error}").AppendLine();
        md.AppendLine("| scenario | held | failed | books | report |");
        md.AppendLine("| --- | ---: | ---: | --- | --- |");
        foreach (var e in entries)
        {
            md.AppendLine($"| {e.Scenario} | {e.Held} | {e.Failed} | {(e.BooksAddUp ? "add up" : "do not add up")} | {(e.Results is null ? e.Failure : $"[report]({e.RunFolder}/report.md)")} |");
        }

        if (ReportTables.PartsByStyle(entries.SelectMany(e => e.Results?.Arms ?? [])) is { Rows.Count: > 0 } parts)
        {
            MarkdownExporter.Table(md, "Moving parts by style", parts, "");
        }

        return md.ToString();
    }
}
