using System.Text;

namespace ArchLab.Reports.Exporters;

/// <summary><c>report.md</c>: the report for a repository or a slide, charts linked from <c>charts/</c>.</summary>
public sealed class MarkdownExporter : IPageExporter
{
    public const string FileName = "report.md";

    public string Name => "markdown";

    public Task ExportAsync(ReportContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        return File.WriteAllTextAsync(Path.Combine(context.RunFolder, FileName), Render(context), ReportEncoding.Utf8, cancellationToken);
    }

    public static string Render(ReportContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var r = context.Results;
        var md = new StringBuilder();
        md.Append("# ").Append(Escape(r.Title ?? r.Scenario)).Append("\n\n");
        if (r.Claim is { } claim)
        {
            md.Append("**Claim:** ").Append(Escape(claim)).Append("\n\n");
        }

        if (r.Headline is { } headline)
        {
            md.Append("**").Append(Escape(headline.Text)).Append("** (").Append(headline.Holds ? "the claim holds" : "the claim did not hold in this run")
                .Append(")\n\n");
            if (context.Charts.FirstOrDefault(c => c.Name == headline.Chart) is { Drawn: true } chart)
            {
                md.Append("![").Append(Escape(chart.Title)).Append("](").Append(chart.PngPath).Append(")\n\n");
            }
        }

        if (r.Watch is { } watch)
        {
            md.Append("**What to watch:** ").Append(Escape(watch)).Append("\n\n");
        }

        md.Append("**Expectations:** ").Append(r.AllExpectationsPassed ? "all passed" : "some FAILED").Append("\n\n");
        Section(md, "Environment");
        foreach (var (label, value) in ReportTables.Environment(r))
        {
            md.Append("- ").Append(label).Append(": ").Append(Escape(value)).Append('\n');
        }

        Table(md, "Expectations", ReportTables.Expectations(r), "No expectation was set.");
        Table(md, "Summary", ReportTables.Summary(r), "No arm.");
        if (ReportTables.FanOut(r) is { Rows.Count: > 0 } fanOut)
        {
            Table(md, "Fan-out", fanOut, "");
        }

        Table(md, "Delivery", ReportTables.Delivery(r), "No arm.");
        if (ReportTables.MovingParts(r) is { Rows.Count: > 0 } parts)
        {
            Table(md, "Moving parts", parts, "");
        }

        if (ReportTables.Consistency(r) is { Rows.Count: > 0 } consistency)
        {
            Table(md, "Consistency", consistency, "");
        }

        if (ReportTables.Devices(r) is { Rows.Count: > 0 } devices)
        {
            Table(md, "Devices", devices, "");
        }

        if (ReportTables.Tracing(r) is { Rows.Count: > 0 } tracing)
        {
            Table(md, "Traces", tracing, "");
        }

        if (ReportTables.ServiceTimes(r) is { Rows.Count: > 0 } serviceTimes)
        {
            Table(md, "Service times", serviceTimes, "");
        }

        if (ReportTables.Agreement(r) is { Rows.Count: > 0 } agreement)
        {
            Table(md, "Measured and simulated", agreement, "");
        }

        Table(md, "Recovery", ReportTables.Recovery(r), "No arm.");
        Table(md, "Fault windows", ReportTables.Faults(r), "No fault was injected.");
        if (ReportTables.PowerLosses(r) is { Rows.Count: > 0 } powerLosses)
        {
            Table(md, "Power losses", powerLosses, "");
        }

        Section(md, "Charts");
        foreach (var chart in context.Charts)
        {
            md.Append(chart.Drawn
                ? $"![{Escape(chart.Title)}]({chart.PngPath}) ([SVG]({chart.SvgPath}))\n\n"
                : $"*{Escape(chart.Title)}: not drawn ({Escape(chart.Error!)}).*\n\n");
        }

        var notes = context.Notes.Concat(ReportTables.ArmNotes(r)).ToList();
        Section(md, "Notes");
        md.Append(notes.Count == 0 ? "None.\n" : string.Concat(notes.Select(n => $"- {Escape(n)}\n")));
        Section(md, "Raw files");
        md.Append(string.Concat(context.RawFiles().Select(f => $"- [{f}]({f})\n")));
        return md.ToString();
    }

    private static void Section(StringBuilder md, string title) => md.Append("\n## ").Append(title).Append("\n\n");

    internal static void Table(StringBuilder md, string title, TextTable table, string empty)
    {
        Section(md, title);
        if (table.Rows.Count == 0)
        {
            md.Append(empty).Append('\n');
            return;
        }

        md.Append("| ").AppendJoin(" | ", table.Headers.Select(Escape)).Append(" |\n");
        md.Append('|').AppendJoin('|', table.Headers.Select((_, i) => i == 0 ? " --- " : " ---: ")).Append("|\n");
        foreach (var row in table.Rows)
        {
            md.Append("| ").AppendJoin(" | ", row.Select(Escape)).Append(" |\n");
        }
    }

    /// <summary>Keeps a value from breaking a table or turning into markup.</summary>
    private static string Escape(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("|", "\\|", StringComparison.Ordinal)
            .Replace("\r", " ", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
