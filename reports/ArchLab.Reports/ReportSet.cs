using ArchLab.Harness.Model.Results;
using ArchLab.Reports.Charts;
using ArchLab.Reports.Exporters;

namespace ArchLab.Reports;

/// <summary>What <see cref="ReportSet"/> wrote: the charts as drawn and the notes the pages carry.</summary>
public sealed record ReportOutcome(IReadOnlyList<ChartFile> Charts, IReadOnlyList<string> Notes)
{
    public IEnumerable<ChartFile> Failed => Charts.Where(c => !c.Drawn);
}

/// <summary>
/// Every view of a run, written into its folder: <c>results.json</c>, <c>results.csv</c>, <c>timeline.csv</c>,
/// <c>charts/*.png|svg</c>, <c>report.md</c> and <c>report.html</c>. The harness calls <see cref="WriteAsync"/> at
/// the end of a run; <c>archlab report &lt;run-dir&gt;</c> calls <see cref="RebuildAsync"/>.
/// </summary>
public static class ReportSet
{
    /// <summary>Views written from the results alone, before any chart: they must exist even if drawing fails.</summary>
    private static readonly IExporter[] DataExporters = [new JsonExporter(), new ResultsCsvExporter(), new TimelineCsvExporter()];

    private static readonly IPageExporter[] PageExporters = [new MarkdownExporter(), new HtmlExporter()];

    public static Task<ReportOutcome> WriteAsync(RunResults results, string runFolder, CancellationToken cancellationToken) =>
        WriteAsync(results, runFolder, ChartStyle.Default, cancellationToken);

    public static async Task<ReportOutcome> WriteAsync(RunResults results, string runFolder, ChartStyle style, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(results);
        Directory.CreateDirectory(runFolder);
        foreach (var exporter in DataExporters)
        {
            await exporter.ExportAsync(results, runFolder, cancellationToken);
        }

        return await WritePagesAsync(results, runFolder, style, cancellationToken);
    }

    /// <summary>
    /// Rewrites every derived view of a run folder from its <c>results.json</c> and <c>.hlog</c> files (after a
    /// change to the reports, or when a run was cut short). <c>results.json</c> itself is left as it is.
    /// </summary>
    public static async Task<ReportOutcome> RebuildAsync(string runFolder, CancellationToken cancellationToken)
    {
        var json = Path.Combine(runFolder, JsonExporter.FileName);
        if (!File.Exists(json))
        {
            throw new FileNotFoundException($"{runFolder} holds no {JsonExporter.FileName}: not a run folder", json);
        }

        var results = ResultsJson.Deserialize(await File.ReadAllTextAsync(json, cancellationToken));
        foreach (var exporter in DataExporters.Where(e => e is not JsonExporter))
        {
            await exporter.ExportAsync(results, runFolder, cancellationToken);
        }

        return await WritePagesAsync(results, runFolder, ChartStyle.Default, cancellationToken);
    }

    private static async Task<ReportOutcome> WritePagesAsync(RunResults results, string runFolder, ChartStyle style, CancellationToken cancellationToken)
    {
        var notes = new List<string>();
        var specs = ChartCatalog.For(results, runFolder, style, notes);
        var charts = ChartRenderer.RenderAll(specs, runFolder, style);
        notes.AddRange(charts.Where(c => !c.Drawn).Select(c => $"Chart {c.Name} could not be drawn: {c.Error}"));
        var context = new ReportContext(results, runFolder, charts, notes);
        foreach (var exporter in PageExporters)
        {
            await exporter.ExportAsync(context, cancellationToken);
        }

        return new ReportOutcome(charts, notes);
    }
}
