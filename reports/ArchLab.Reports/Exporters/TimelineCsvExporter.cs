using ArchLab.Harness.Model.Results;
using static ArchLab.Reports.Formatting.Invariant;

namespace ArchLab.Reports.Exporters;

/// <summary><c>timeline.csv</c>: one row per arm and second of the measured window, for a spreadsheet or a plotting tool.</summary>
public sealed class TimelineCsvExporter : IExporter
{
    public const string FileName = "timeline.csv";

    public static IReadOnlyList<string> Columns { get; } =
        ["arm", "t", "offered", "accepted", "completed", "errors", "backlog", "acceptP99Ms", "completionP99Ms"];

    public string Name => "timeline-csv";

    public Task ExportAsync(RunResults results, string folder, CancellationToken cancellationToken) =>
        CsvText.WriteAsync(
            Path.Combine(folder, FileName),
            [CsvText.Row(Columns), .. results.Arms.SelectMany(a => a.Timeline.Select(p => CsvText.Row(Cells(a.Name, p))))],
            cancellationToken);

    private static string[] Cells(string arm, TimelinePoint p) =>
        [arm, Cell(p.T), Cell(p.Offered), Cell(p.Accepted), Cell(p.Completed), Cell(p.Errors), Cell(p.Backlog), Cell(p.AcceptP99Ms), Cell(p.CompletionP99Ms)];
}
