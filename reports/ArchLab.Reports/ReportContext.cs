using ArchLab.Harness.Model.Results;
using ArchLab.Reports.Charts;

namespace ArchLab.Reports;

/// <summary>What the page exporters (Markdown, HTML) work from: the results, the charts as drawn, and what the reader must be told.</summary>
/// <param name="Results">The run.</param>
/// <param name="RunFolder">Where every file goes.</param>
/// <param name="Charts">Every chart in page order, drawn or with the reason it was not.</param>
/// <param name="Notes">Report-level notes: missing latency logs, charts that failed.</param>
public sealed record ReportContext(RunResults Results, string RunFolder, IReadOnlyList<ChartFile> Charts, IReadOnlyList<string> Notes)
{
    /// <summary>Raw files a page links to, relative to the run folder, in a fixed order; only those present.</summary>
    public IReadOnlyList<string> RawFiles()
    {
        IEnumerable<string> candidates =
        [
            "results.json", "results.csv", "timeline.csv", "scenario.yaml",
            .. Results.Arms.SelectMany(a => Enum.GetValues<Histograms.LatencyLog>().Select(l => Histograms.LatencyLogFiles.FileName(a.Name, l))),
        ];
        var files = candidates.Where(f => File.Exists(Path.Combine(RunFolder, f))).ToList();
        if (Directory.Exists(Path.Combine(RunFolder, "logs")))
        {
            files.Add("logs/");
        }

        return files;
    }
}

/// <summary>A view written from the whole report context, e.g. <c>report.md</c>.</summary>
public interface IPageExporter
{
    string Name { get; }

    Task ExportAsync(ReportContext context, CancellationToken cancellationToken);
}
