using System.Net;
using System.Text;
using ArchLab.Reports.Charts;
using ArchLab.Reports.Web;

namespace ArchLab.Reports.Exporters;

/// <summary>
/// <c>report.html</c>: one self-contained page that opens from disk with no network. It leads with the claim and the
/// headline (the sentence with the figure that proves or refutes it, and its chart), then the summary and the
/// verdicts. The timelines are interactive (uPlot and the chart script inline, the run's data beside them); the other
/// charts are embedded PNGs; the only links are relative ones to the raw files beside it.
/// </summary>
public sealed partial class HtmlExporter : IPageExporter
{
    public const string FileName = "report.html";

    public string Name => "html";

    public async Task ExportAsync(ReportContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        await File.WriteAllTextAsync(Path.Combine(context.RunFolder, FileName), await RenderAsync(context, cancellationToken), ReportEncoding.Utf8, cancellationToken);
    }

    public static async Task<string> RenderAsync(ReportContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var r = context.Results;
        var title = r.Title ?? r.Scenario;
        var html = new StringBuilder();
        var interactive = InteractiveCharts.Head(out var noInteractive);
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>").Append(E(title)).Append("</title>\n<style>\n").Append(HtmlStyles.Css).Append("\n</style>\n")
            .Append(interactive ?? "").Append("</head>\n<body>\n");
        html.Append("<h1>").Append(E(title)).Append("</h1>\n");
        if (r.Claim is { } claim)
        {
            html.Append("<p class=\"claim\"><strong>Claim:</strong> ").Append(E(claim)).Append("</p>\n");
        }

        // The headline first: the sentence with the figure that proves or refutes the claim, and its chart.
        if (r.Headline is { } headline)
        {
            html.Append("<section class=\"headline\" id=\"headline\">\n<p class=\"sentence\">").Append(E(headline.Text))
                .Append(" <span class=\"").Append(headline.Holds ? "pass" : "fail").Append(" verdict\">")
                .Append(headline.Holds ? "the claim holds" : "the claim did not hold in this run").Append("</span></p>\n");
            await Figure(html, context, context.Charts.FirstOrDefault(c => c.Name == headline.Chart), cancellationToken);
            html.Append("</section>\n");
        }

        ArmKey(html, r.Arms.Select(a => a.Name).ToList());
        Table(html, "Summary", ReportTables.Summary(r), "No arm.");
        Verdicts(html, r);
        if (r.Watch is { } watch)
        {
            html.Append("<p class=\"watch\"><strong>What to watch:</strong> ").Append(E(watch)).Append("</p>\n");
        }

        html.Append("<h2>Over time</h2>\n");
        html.Append(interactive is null
            ? $"<p class=\"missing\">No interactive charts: {E(noInteractive!)}.</p>\n"
            : "<p>Hover for the values; click an arm in a legend to switch it off and on in every chart.</p>\n" + InteractiveCharts.Block("timelines", r));
        await Charts(html, context, cancellationToken);
        html.Append("<h2>Environment</h2>\n<dl class=\"env\">\n");
        foreach (var (label, value) in ReportTables.Environment(r))
        {
            html.Append("<dt>").Append(E(label)).Append("</dt><dd>").Append(E(value)).Append("</dd>\n");
        }

        html.Append("</dl>\n");
        if (ReportTables.FanOut(r) is { Rows.Count: > 0 } fanOut)
        {
            Table(html, "Fan-out", fanOut, "");
        }

        Table(html, "Delivery", ReportTables.Delivery(r), "No arm.");
        if (ReportTables.MovingParts(r) is { Rows.Count: > 0 } parts)
        {
            Table(html, "Moving parts", parts, "");
        }

        if (ReportTables.Consistency(r) is { Rows.Count: > 0 } consistency)
        {
            Table(html, "Consistency", consistency, "");
        }

        if (ReportTables.Devices(r) is { Rows.Count: > 0 } devices)
        {
            Table(html, "Devices", devices, "");
        }

        if (ReportTables.Tracing(r) is { Rows.Count: > 0 } tracing)
        {
            Table(html, "Traces", tracing, "");
        }

        if (ReportTables.ServiceTimes(r) is { Rows.Count: > 0 } serviceTimes)
        {
            Table(html, "Service times", serviceTimes, "");
        }

        if (ReportTables.Agreement(r) is { Rows.Count: > 0 } agreement)
        {
            Table(html, "Measured and simulated", agreement, "");
        }

        Table(html, "Recovery", ReportTables.Recovery(r), "No arm.");
        Table(html, "Fault windows", ReportTables.Faults(r), "No fault was injected.");
        if (ReportTables.PowerLosses(r) is { Rows.Count: > 0 } powerLosses)
        {
            Table(html, "Power losses", powerLosses, "");
        }

        Notes(html, context.Notes.Concat(ReportTables.ArmNotes(r)).ToList());
        html.Append("<h2>Raw files</h2>\n<ul>\n");
        foreach (var file in context.RawFiles())
        {
            html.Append("<li><a href=\"").Append(E(file)).Append("\">").Append(E(file)).Append("</a></li>\n");
        }

        html.Append("</ul>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static async Task Charts(StringBuilder html, ReportContext context, CancellationToken cancellationToken)
    {
        html.Append("<h2>Charts</h2>\n");
        foreach (var chart in context.Charts)
        {
            await Figure(html, context, chart, cancellationToken);
        }
    }

    private static async Task Figure(StringBuilder html, ReportContext context, ChartFile? chart, CancellationToken cancellationToken)
    {
        if (chart is null)
        {
            return;
        }

        if (!chart.Drawn)
        {
            html.Append("<p class=\"missing\">").Append(E(chart.Title)).Append(": not drawn (").Append(E(chart.Error!)).Append(").</p>\n");
            return;
        }

        // The PNG, not the SVG: the SVG writer drops dash patterns (the offered line) and repeats clip-path ids.
        var png = await File.ReadAllBytesAsync(Path.Combine(context.RunFolder, chart.PngPath), cancellationToken);
        html.Append("<figure id=\"").Append(E(chart.Name)).Append("\"><img alt=\"").Append(E(chart.Title))
            .Append("\" width=\"").Append(ChartStyle.Default.Width).Append("\" height=\"").Append(ChartStyle.Default.Height)
            .Append("\" src=\"data:image/png;base64,").Append(Convert.ToBase64String(png)).Append("\">")
            .Append("<figcaption>").Append(E(chart.Title)).Append("</figcaption></figure>\n");
    }

    private static void Notes(StringBuilder html, IReadOnlyList<string> notes)
    {
        html.Append("<h2>Notes</h2>\n");
        html.Append(notes.Count == 0 ? "<p>None.</p>\n" : "<ul>\n" + string.Concat(notes.Select(n => $"<li>{E(n)}</li>\n")) + "</ul>\n");
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
