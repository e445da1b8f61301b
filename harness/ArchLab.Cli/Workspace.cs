namespace ArchLab.Cli;

/// <summary>
/// Where the repository is: <c>ARCHLAB_HOME</c> (set by the wrapper), else the nearest folder above the
/// current one, or above the executable, that holds <c>ArchLab.sln</c>. Scenarios and run output live there.
/// </summary>
public static class Workspace
{
    public static string? Root { get; } = FindRoot();

    public static string ScenariosDirectory =>
        Environment.GetEnvironmentVariable("ARCHLAB_SCENARIOS") ?? Path.Combine(Root ?? Directory.GetCurrentDirectory(), "scenarios");

    public static string RunsDirectory => Path.Combine(Root ?? Directory.GetCurrentDirectory(), "reports", "runs");

    /// <summary>A scenario by path, or by name in the scenarios folder.</summary>
    public static string ResolveScenario(string nameOrPath)
    {
        if (File.Exists(nameOrPath))
        {
            return Path.GetFullPath(nameOrPath);
        }

        var byName = Path.Combine(ScenariosDirectory, nameOrPath.EndsWith(".yaml", StringComparison.Ordinal) ? nameOrPath : nameOrPath + ".yaml");
        if (File.Exists(byName))
        {
            return byName;
        }

        var known = ScenarioFiles().Select(f => Path.GetFileNameWithoutExtension(f));
        throw new FileNotFoundException($"no scenario '{nameOrPath}': not a file, and not in {ScenariosDirectory} (known: {string.Join(", ", known)})");
    }

    /// <summary>A run folder: a path, or a folder name under reports/runs (<c>latest</c> included); it must hold results.json.</summary>
    public static string ResolveRun(string pathOrName)
    {
        var folder = Directory.Exists(pathOrName) ? pathOrName : Path.Combine(RunsDirectory, pathOrName);
        if (!File.Exists(Path.Combine(folder, "results.json")))
        {
            throw new FileNotFoundException(Directory.Exists(folder)
                ? $"{folder} holds no results.json: not a run folder"
                : $"no run '{pathOrName}': not a folder, and not in {RunsDirectory}");
        }

        return Path.GetFullPath(folder);
    }

    /// <summary>
    /// A run's results, read against the results contract: a file that is not archlab's results, or has a field of the
    /// wrong shape, names the file and each field (JSON path, what was expected, what was found) instead of failing with a
    /// parser's trace. A field that is absent reads with its default: results written before it existed stay readable.
    /// </summary>
    public static Harness.Model.Results.RunResults ReadResults(string runFolder)
    {
        var path = Path.Combine(runFolder, "results.json");
        try
        {
            var json = File.ReadAllText(path);
            var problems = Harness.Model.Results.ResultsContract.Problems(json, allowMissing: true);
            if (problems.Count > 0)
            {
                throw new InvalidDataException(
                    $"{path} does not hold to the results contract (docs/results.md says what each field means):{Environment.NewLine}" +
                    string.Join(Environment.NewLine, Terminal.ErrorList.Lines(problems)));
            }

            return Harness.Model.Results.ResultsJson.Deserialize(json);
        }
        catch (System.Text.Json.JsonException e)
        {
            throw new InvalidDataException($"{path} is not an archlab results file: {e.Message}");
        }
    }

    public static IEnumerable<string> ScenarioFiles() =>
        Directory.Exists(ScenariosDirectory)
            ? Directory.EnumerateFiles(ScenariosDirectory, "*.yaml").Order(StringComparer.Ordinal)
            : [];

    private static string? FindRoot()
    {
        if (Environment.GetEnvironmentVariable("ARCHLAB_HOME") is { Length: > 0 } home)
        {
            return Path.GetFullPath(home);
        }

        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "ArchLab.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        return null;
    }
}
