namespace ArchLab.Harness.Model.Scenarios.Loading;

/// <summary>
/// Reads scenario files (format: <c>scenarios/FORMAT.md</c>) into <see cref="Scenario"/>. A bad file is
/// rejected with every error found, each with file, line, column, field path and what was expected.
/// </summary>
public static class ScenarioLoader
{
    /// <summary>Loads a file; the scenario's <c>name</c> must be the file name without <c>.yaml</c>.</summary>
    /// <exception cref="ScenarioException">The file cannot be read, or the scenario or an override is not valid.</exception>
    public static Scenario Load(string path, ScenarioOverrides? overrides = null)
    {
        var outcome = FromFile(path, overrides ?? ScenarioOverrides.None);
        return outcome.Scenario is { } scenario
            ? scenario with { SourcePath = path }
            : throw new ScenarioException(outcome.Errors);
    }

    /// <summary>Reads scenario text; <paramref name="fileName"/> names it in errors (the name is not checked against it).</summary>
    /// <exception cref="ScenarioException">The scenario or an override is not valid.</exception>
    public static Scenario Parse(string yaml, string fileName, ScenarioOverrides? overrides = null)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        var outcome = ScenarioPipeline.Run(yaml, fileName, null, overrides ?? ScenarioOverrides.None);
        return outcome.Scenario ?? throw new ScenarioException(outcome.Errors);
    }

    /// <summary>
    /// Every error of a file: the base scenario, then each declared profile applied in turn (an error that
    /// only a profile causes says which). Empty when the file is valid. Does not throw for bad content.
    /// </summary>
    public static IReadOnlyList<ScenarioError> Validate(string path)
    {
        if (!TryRead(path, out var text, out var unreadable))
        {
            return [unreadable];
        }

        var stem = Path.GetFileNameWithoutExtension(path);
        var baseOutcome = ScenarioPipeline.Run(text, path, stem, ScenarioOverrides.None);
        var errors = baseOutcome.Errors.ToList();
        foreach (var profile in baseOutcome.Profiles)
        {
            var outcome = ScenarioPipeline.Run(text, path, stem, new ScenarioOverrides(Profile: profile));
            errors.AddRange(outcome.Errors
                .Where(e => !baseOutcome.Errors.Contains(e))
                .Select(e => e with { Message = $"{e.Message} (with profile '{profile}')" }));
        }

        return errors.Distinct().ToList();
    }

    private static LoadOutcome FromFile(string path, ScenarioOverrides overrides) =>
        TryRead(path, out var text, out var unreadable)
            ? ScenarioPipeline.Run(text, path, Path.GetFileNameWithoutExtension(path), overrides)
            : new LoadOutcome(null, [unreadable], []);

    private static bool TryRead(string path, out string text, out ScenarioError unreadable)
    {
        unreadable = new ScenarioError(path, 0, 0, "", "");
        try
        {
            text = File.ReadAllText(path);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            text = "";
            unreadable = unreadable with { Message = $"cannot read the scenario file: {e.Message}" };
            return false;
        }
    }
}
