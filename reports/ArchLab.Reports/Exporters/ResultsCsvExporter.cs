using ArchLab.Harness.Model.Results;
using static ArchLab.Reports.Formatting.Invariant;

namespace ArchLab.Reports.Exporters;

/// <summary><c>results.csv</c>: one row per arm, the figures of <c>results.json</c> flattened; an empty cell where a figure does not apply.</summary>
public sealed class ResultsCsvExporter : IExporter
{
    public const string FileName = "results.csv";

    private static readonly string[] Percentiles = ["P50", "P90", "P99", "P999", "Max"];

    public string Name => "results-csv";

    /// <summary>The column names, in file order; they follow the vocabulary of <c>results.json</c>.</summary>
    public static IReadOnlyList<string> Columns { get; } =
    [
        "arm", "style", "offered", "sent", "accepted", "completed", "errors", "droppedByGenerator",
        "offeredPerSec", "acceptedPerSec", "completedPerSec",
        .. Percentiles.Select(p => $"accept{p}Ms"), .. Percentiles.Select(p => $"completion{p}Ms"),
        "ok", "duplicated", "lost", "pending", "expired", "deadLettered", "unexpected", "recovered", "partialEffects",
        "timeToRecoverSec", "drainSec", "peakBacklog", "retryAmplification",
        "receivers", "senderEndpoints", "edgeCpuMsPerRequest", "acceptSlowFraction", "completionSlowFraction", "expectedSlowFraction",
        "processes", "listeningPorts", "streams", "consumers", "subjects", "configKeys", "codeLines", "failureClasses",
    ];

    public Task ExportAsync(RunResults results, string folder, CancellationToken cancellationToken) =>
        CsvText.WriteAsync(Path.Combine(folder, FileName), [CsvText.Row(Columns), .. results.Arms.Select(a => CsvText.Row(Cells(a)))], cancellationToken);

    private static IEnumerable<string> Cells(ArmResult arm)
    {
        var c = arm.Counts;
        var d = arm.Delivery;
        var p = arm.MovingParts;
        return
        [
            arm.Name, arm.Style, Cell(c.Offered), Cell(c.Sent), Cell(c.Accepted), Cell(c.Completed), Cell(c.Errors), Cell(c.DroppedByGenerator),
            Cell(arm.Throughput.OfferedPerSec), Cell(arm.Throughput.AcceptedPerSec), Cell(arm.Throughput.CompletedPerSec),
            .. Latency(arm.LatencyMs.Accept), .. Latency(arm.LatencyMs.Completion),
            Cell(d?.Ok), Cell(d?.Duplicated), Cell(d?.Lost), Cell(d?.Pending), Cell(d?.Expired), Cell(d?.DeadLettered),
            Cell(d?.Unexpected), Cell(d?.Recovered), Cell(d?.PartialEffects),
            Cell(arm.Recovery.TimeToRecoverSec), Cell(arm.Recovery.DrainSec), Cell(arm.Recovery.PeakBacklog), Cell(arm.RetryAmplification),
            Cell(arm.FanOut?.Receivers), Cell(arm.FanOut?.SenderEndpoints), Cell(arm.FanOut?.EdgeCpuMsPerRequest),
            Cell(arm.FanOut?.AcceptSlowFraction), Cell(arm.FanOut?.CompletionSlowFraction), Cell(arm.FanOut?.ExpectedSlowFraction),
            Cell(p?.Processes), Cell(p?.ListeningPorts), Cell(p?.Broker?.Streams), Cell(p?.Broker?.Consumers), Cell(p?.Broker?.Subjects),
            Cell(p?.ConfigKeys), Cell(p?.CodeLines), p is null ? "" : string.Join(" ", p.FailureClasses),
        ];
    }

    private static string[] Latency(LatencySummary? p) => [Cell(p?.P50), Cell(p?.P90), Cell(p?.P99), Cell(p?.P999), Cell(p?.Max)];
}
