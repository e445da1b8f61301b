using ArchLab.Harness.Model.Results;

namespace ArchLab.Reports.Exporters;

/// <summary><c>results.json</c>: the contract every other view is derived from.</summary>
public sealed class JsonExporter : IExporter
{
    public const string FileName = "results.json";

    public string Name => "json";

    public Task ExportAsync(RunResults results, string folder, CancellationToken cancellationToken) =>
        ResultsJson.WriteAsync(Path.Combine(folder, FileName), results, cancellationToken);
}
