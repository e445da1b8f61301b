namespace ArchLab.Cli.Terminal;

/// <summary>
/// A list of errors as a user reads it: the first 20, then how many more. A file with half a million wrong keys said
/// so in a million lines; the first few say what is wrong, the rest repeat it.
/// </summary>
public static class ErrorList
{
    public const int Shown = 20;

    /// <summary>Each error indented on its own line, at most <see cref="Shown"/>, then "... and N more".</summary>
    public static IEnumerable<string> Lines(IReadOnlyCollection<string> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        foreach (var error in errors.Take(Shown))
        {
            yield return $"  {error}";
        }

        if (errors.Count > Shown)
        {
            yield return $"  ... and {errors.Count - Shown} more";
        }
    }
}
