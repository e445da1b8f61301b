namespace ArchLab.Reports.Charts;

/// <summary>
/// One chart of a report: where its PNG and SVG are, relative to the run folder, or why it could not be drawn.
/// </summary>
/// <param name="Name">File name without extension, e.g. <c>spectrum-accept</c>.</param>
/// <param name="Title">What the chart shows, for a caption.</param>
/// <param name="Error">Why drawing failed; null when both files were written.</param>
public sealed record ChartFile(string Name, string Title, string? Error = null)
{
    public const string Folder = "charts";

    public bool Drawn => Error is null;

    /// <summary>Relative to the run folder, with forward slashes so the same link works in Markdown and HTML.</summary>
    public string PngPath => $"{Folder}/{Name}.png";

    public string SvgPath => $"{Folder}/{Name}.svg";
}
