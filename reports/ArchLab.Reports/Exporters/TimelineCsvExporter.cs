using ArchLab.Harness.Model.Results;
using static ArchLab.Reports.Formatting.Invariant;

namespace ArchLab.Reports.Exporters;

/// <summary>
/// <c>timeline.csv</c>: one row per arm and interval of its timeline, for a spreadsheet or a plotting tool; <c>t</c>
/// is the interval's start in seconds since the measured start, counts are per interval of <c>intervalSec</c>.
/// </summary>
public sealed class TimelineCsvExporter : IExporter
{
    public const string FileName = "timeline.csv";

    public static IReadOnlyList<string> Columns { get; } =
        ["arm", "t", "offered", "accepted", "completed", "errors", "backlog", "acceptP99Ms", "completionP99Ms", "intervalSec"];

    public string Name => "timeline-csv";

    public Task ExportAsync(RunResults results, string folder, CancellationToken cancellationToken) =>
        CsvText.WriteAsync(
            Path.Combine(folder, FileName),
            [CsvText.Row(Columns), .. results.Arms.SelectMany(a => a.Timeline.Select(p => CsvText.Row(Cells(a, p))))],
            cancellationToken);

    private static string[] Cells(ArmResult arm, TimelinePoint p) =>
        [arm.Name, Cell(p.T), Cell(p.Offered), Cell(p.Accepted), Cell(p.Completed), Cell(p.Errors), Cell(p.Backlog), Cell(p.AcceptP99Ms), Cell(p.CompletionP99Ms), Cell(arm.IntervalSec)];
}
