using ArchLab.Harness.Model.Results;
using Json.Schema;

namespace ArchLab.Unit.Tests.Contract;

/// <summary>
/// Holds a results.json to docs/results.schema.json, read from the repository the tests run from, so the schema a test
/// checks is the one in the working tree. Shared (linked) by every test project that produces results: unit samples,
/// simulated runs, and the integration and end-to-end runs.
/// </summary>
public static class ResultsSchema
{
    /// <summary>Where the schema lives, from the repository root.</summary>
    public const string RelativePath = "docs/results.schema.json";

    // The most problems one failure lists: the first few say what drifted, the rest repeat it for every arm or second.
    private const int MaxListed = 12;

    private static readonly Lazy<JsonSchema> Schema = new(Load);

    public static string FilePath { get; } = Path.Combine(FindRoot(), RelativePath);

    /// <summary>Fails the test, naming each JSON path and what the schema expected there, unless <paramref name="json"/> holds to the schema.</summary>
    /// <param name="source">What the JSON is, for the message: a file path, "the sample run"...</param>
    public static void AssertValid(string json, string source)
    {
        var problems = Problems(json);
        if (problems.Count > 0)
        {
            var listed = problems.Take(MaxListed).Select(p => "  " + p);
            var more = problems.Count > MaxListed ? [$"  ... and {problems.Count - MaxListed} more"] : Array.Empty<string>();
            Assert.Fail($"{source} does not hold to {RelativePath} (docs/results.md says what each field means):{Environment.NewLine}" +
                string.Join(Environment.NewLine, listed.Concat(more)));
        }
    }

    /// <summary>Fails the test unless the file holds to the schema.</summary>
    public static void AssertValidFile(string path) => AssertValid(File.ReadAllText(path), path);

    /// <summary>
    /// Each way <paramref name="json"/> departs from the working tree's schema, as "JSON path: what the schema expected;
    /// the value found (where in the schema)"; empty when it holds.
    /// </summary>
    public static IReadOnlyList<string> Problems(string json) => ResultsContract.Problems(json, Schema.Value);

    private static JsonSchema Load()
    {
        if (!File.Exists(FilePath))
        {
            throw new FileNotFoundException($"the results schema is not at {FilePath}", FilePath);
        }

        return ResultsContract.Load(File.ReadAllText(FilePath));
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ArchLab.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"no ArchLab.sln above {AppContext.BaseDirectory}: the tests find docs/results.schema.json from the repository root");
    }
}
