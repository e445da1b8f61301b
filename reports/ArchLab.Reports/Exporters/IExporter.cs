using ArchLab.Harness.Model.Results;

namespace ArchLab.Reports.Exporters;

/// <summary>Writes one view of a run's results into its folder, under a file name that never changes.</summary>
public interface IExporter
{
    /// <summary>Short name, e.g. <c>json</c>.</summary>
    string Name { get; }

    Task ExportAsync(RunResults results, string folder, CancellationToken cancellationToken);
}
