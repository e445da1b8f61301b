namespace ArchLab.Harness.Processes;

/// <summary>How to start one child process and how to know it is ready.</summary>
/// <param name="Name">Short name for logs and results, e.g. <c>payment</c> or <c>nats-server</c>.</param>
/// <param name="FileName">The executable.</param>
/// <param name="Arguments">Its arguments.</param>
/// <param name="LogPath">File that receives the child's standard output and error, line by line.</param>
/// <param name="IsReadyLine">True for the output line that says the child serves; null: ready once started.</param>
public sealed record ChildSpec(
    string Name,
    string FileName,
    IReadOnlyList<string> Arguments,
    string LogPath,
    Func<string, bool>? IsReadyLine = null)
{
    /// <summary>How long the child may take to print its ready line. Default: 30s.</summary>
    public TimeSpan ReadyTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Extra environment variables.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    public string? WorkingDirectory { get; init; }
}
