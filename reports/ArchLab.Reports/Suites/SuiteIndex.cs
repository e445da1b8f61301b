using System.Net;
using System.Text;
using ArchLab.Harness.Model.Results;
using ArchLab.Reports.Charts;
using ArchLab.Reports.Exporters;

namespace ArchLab.Reports.Suites;

/// <summary>One scenario of a suite: its run folder relative to the suite's, and its results (null when the run failed).</summary>
public sealed record SuiteEntry(string Scenario, string RunFolder, RunResults? Results, string? Failure)
{
    public int Held => Results?.Arms.Sum(a => a.Expectations.Count(e => e.Passed)) ?? 0;

    public int Failed => Results?.Arms.Sum(a => a.Expectations.Count(e => !e.Passed)) ?? 0;

    public bool BooksAddUp => Results?.Arms.All(a => a.Accounting?.AddsUp != false) ?? false;

    public bool Passed => Failure is null && Failed == 0 && BooksAddUp;

    /// <summary>The capacity search run after the scenario (its <c>capacity:</c>); null when it has none.</summary>
    public SuiteCapacity? Capacity { get; init; }
}

/// <summary>A scenario's capacity search in a suite: its folder relative to the suite's, and what it found.</summary>
public sealed record SuiteCapacity(string Folder, Harness.Model.Capacity.CapacityResults Results)
{
    /// <summary>The curve the index shows: completion p99 against the offered rate, the capacity marked.</summary>
    public string Chart => $"{Folder}/{ChartFile.Folder}/capacity-completion-p99.png";

    /// <summary>Each arm's capacity in a line.</summary>
    public string Sentence => "capacity: " + string.Join(", ", Results.Arms.Select(a => $"{a.Arm} {a.Capacity}{(a.FoundPerSec is null ? "" : "/s")}"))
        + $" ({Results.Of}{(Results.Objective is { } o ? $", {o}" : "")})";
}

/// <summary>
/// The page of a suite, written as a lesson: <c>index.html</c> (self-contained) and <c>index.md</c> hold one section per
/// scenario, in the order they ran: its claim, its headline sentence with the run's figure and whether the claim held,
/// the headline's chart (embedded from the scenario's run), and the link to its full report. Then the moving parts of
/// each style across the suite. No chart of the suite as a whole: each lesson's own chart says what it shows, and no
/// axis of scenario names can crowd.
/// </summary>
public static class SuiteIndex
{
    public static async Task WriteAsync(string suiteFolder, string profile, IReadOnlyList<SuiteEntry> entries, CancellationToken cancellationToken)
    {
        var charts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            if (HeadlineChart(suiteFolder, entry) is { } png && File.Exists(png))
            {
                charts[entry.Scenario] = Convert.ToBase64String(await File.ReadAllBytesAsync(png, cancellationToken));
            }

            if (entry.Capacity is { } capacity && File.Exists(Path.Combine(suiteFolder, capacity.Chart)))
            {
                charts[capacity.Folder] = Convert.ToBase64String(await File.ReadAllBytesAsync(Path.Combine(suiteFolder, capacity.Chart), cancellationToken));
            }
        }

        await File.WriteAllTextAsync(Path.Combine(suiteFolder, "index.html"), Html(profile, entries, charts), cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(suiteFolder, "index.md"), Markdown(profile, entries, charts.Keys.ToHashSet(StringComparer.Ordinal)), cancellationToken);
    }

    /// <summary>The PNG of the chart a scenario's headline names, in its run folder; null without a headline.</summary>
    public static string? HeadlineChart(string suiteFolder, SuiteEntry entry) =>
        entry.Results?.Headline is { } headline ? Path.Combine(suiteFolder, entry.RunFolder, ChartFile.Folder, headline.Chart + ".png") : null;

    /// <summary>What a lesson says: the headline, or the verdicts when the scenario has none.</summary>
    public static string Sentence(SuiteEntry entry) => entry switch
    {
        { Results: null } => $"the run failed: {entry.Failure ?? "no results"}",
        { Results.Headline: { } headline } => headline.Text,
        _ => $"{entry.Held} of {entry.Held + entry.Failed} expectations held",
    };

    /// <summary>Whether the lesson's claim held in its run.</summary>
    public static string Verdict(SuiteEntry entry) => entry.Passed ? "the claim holds" : entry.Results is null ? "no run" : "the claim did not hold in this run";

    private static string Html(string profile, IReadOnlyList<SuiteEntry> entries, IReadOnlyDictionary<string, string> charts)
    {
        static string E(string text) => WebUtility.HtmlEncode(text);
        var html = new StringBuilder();
        html.AppendLine($"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">" +
            $"<title>Suite {E(profile)}</title><style>{HtmlStyles.Css}{LessonCss}</style></head><body>");
        html.AppendLine($"<h1>Suite <code>{E(profile)}</code>: {entries.Count(e => e.Passed)} of {entries.Count} claims held</h1>");
        html.AppendLine("<nav><ol>" + string.Concat(entries.Select(e => $"<li><a href=\"#{E(e.Scenario)}\">{E(e.Results?.Title ?? e.Scenario)}</a></li>")) + "</ol></nav>");
        foreach (var e in entries)
        {
            html.AppendLine($"<section class=\"lesson\" id=\"{E(e.Scenario)}\">");
            html.AppendLine($"<h2>{E(e.Results?.Title ?? e.Scenario)} <small><code>{E(e.Scenario)}</code></small></h2>");
            if (e.Results?.Claim is { } claim)
            {
                html.AppendLine($"<p class=\"claim\"><strong>Claim:</strong> {E(claim)}</p>");
            }

            html.AppendLine($"<p class=\"sentence\">{E(Sentence(e))} <span class=\"{(e.Passed ? "pass" : "fail")} verdict\">{E(Verdict(e))}</span></p>");
            if (charts.TryGetValue(e.Scenario, out var png))
            {
                html.AppendLine($"<img alt=\"{E(e.Results!.Headline!.Chart)}\" src=\"data:image/png;base64,{png}\">");
            }

            html.AppendLine(e.Results is null ? "" : $"<p><a href=\"{E(e.RunFolder)}/report.html\">the full report of {E(e.Scenario)}</a></p>");
            if (e.Capacity is { } capacity)
            {
                html.AppendLine($"<p class=\"sentence\">{E(capacity.Sentence)}</p>");
                if (charts.TryGetValue(capacity.Folder, out var curve))
                {
                    html.AppendLine($"<img alt=\"completion p99 against the offered rate\" src=\"data:image/png;base64,{curve}\">");
                }

                html.AppendLine($"<p><a href=\"{E(capacity.Folder)}/capacity.md\">the capacity search of {E(e.Scenario)}</a></p>");
            }
            html.AppendLine("</section>");
        }

        if (ReportTables.PartsByStyle(entries.SelectMany(e => e.Results?.Arms ?? [])) is { Rows.Count: > 0 } parts)
        {
            HtmlExporter.Table(html, "Moving parts by style", parts, "");
        }

        html.AppendLine("</body></html>");
        return html.ToString();
    }

    /// <param name="charted">The scenarios whose headline chart is there.</param>
    private static string Markdown(string profile, IReadOnlyList<SuiteEntry> entries, IReadOnlySet<string> charted)
    {
        var md = new StringBuilder();
        md.AppendLine($"# Suite `{profile}`: {entries.Count(e => e.Passed)} of {entries.Count} claims held").AppendLine();
        foreach (var e in entries)
        {
            md.AppendLine($"## {e.Results?.Title ?? e.Scenario} (`{e.Scenario}`)").AppendLine();
            if (e.Results?.Claim is { } claim)
            {
                md.AppendLine($"**Claim:** {claim}").AppendLine();
            }

            md.AppendLine($"**{Sentence(e)}** ({Verdict(e)})").AppendLine();
            if (charted.Contains(e.Scenario))
            {
                md.AppendLine($"![{e.Results!.Headline!.Chart}]({e.RunFolder}/{ChartFile.Folder}/{e.Results.Headline.Chart}.png)").AppendLine();
            }

            if (e.Results is not null)
            {
                md.AppendLine($"[the full report]({e.RunFolder}/report.md)").AppendLine();
            }

            if (e.Capacity is { } capacity)
            {
                md.AppendLine($"**{capacity.Sentence}**").AppendLine();
                if (charted.Contains(capacity.Folder))
                {
                    md.AppendLine($"![completion p99 against the offered rate]({capacity.Chart})").AppendLine();
                }

                md.AppendLine($"[the capacity search]({capacity.Folder}/capacity.md)").AppendLine();
            }
        }

        if (ReportTables.PartsByStyle(entries.SelectMany(e => e.Results?.Arms ?? [])) is { Rows.Count: > 0 } parts)
        {
            MarkdownExporter.Table(md, "Moving parts by style", parts, "");
        }

        return md.ToString();
    }

    private const string LessonCss = """
        nav ol { columns: 2; }
        section.lesson { border-top: 2px solid #ddd; margin-top: 2rem; padding-top: .5rem; }
        section.lesson img { max-width: 100%; height: auto; border: 1px solid #ddd; }
        .sentence { font-size: 1.35rem; font-weight: 600; }
        .verdict { font-size: .95rem; padding: .1rem .5rem; border-radius: .3rem; vertical-align: middle; }
        """;
}
