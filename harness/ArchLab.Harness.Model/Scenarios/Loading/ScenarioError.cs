namespace ArchLab.Harness.Model.Scenarios.Loading;

/// <summary>
/// One problem in a scenario file or in a command-line override.
/// </summary>
/// <param name="File">The file as given to the loader, or the option the value came from (<c>--set</c>, <c>--rate</c>...).</param>
/// <param name="Line">1-based line of the offending node; 0 for command-line values.</param>
/// <param name="Column">1-based column of the offending node; 0 for command-line values.</param>
/// <param name="Path">The field path, e.g. <c>arms.rest.timeout</c> or <c>faults[1].at</c>; empty for YAML syntax errors.</param>
/// <param name="Message">What was expected and what was found.</param>
public sealed record ScenarioError(string File, int Line, int Column, string Path, string Message)
{
    /// <summary>
    /// <c>file:line:col: path: message</c>, the form editors and terminals link to; <c>--option: path: message</c> for a
    /// command-line value, which has no line.
    /// </summary>
    public override string ToString()
    {
        var where = Line == 0 && File.StartsWith("--", StringComparison.Ordinal) ? File : $"{File}:{Line}:{Column}";
        return Path.Length == 0 ? $"{where}: {Message}" : $"{where}: {Path}: {Message}";
    }
}
