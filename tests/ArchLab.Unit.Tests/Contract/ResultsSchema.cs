using System.Text.Json;
using Json.Schema;

namespace ArchLab.Unit.Tests.Contract;

/// <summary>
/// Holds a results.json to docs/results.schema.json, read from the repository the tests run from, so the schema a test
/// checks is the one in the working tree. Shared (linked) by every test project that produces results: unit samples,
/// simulated runs, and the integration and end-to-end runs.
/// </summary>
public static partial class ResultsSchema
{
    /// <summary>Where the schema lives, from the repository root.</summary>
    public const string RelativePath = "docs/results.schema.json";

    // The most problems one failure lists: the first few say what drifted, the rest repeat it for every arm or second.
    private const int MaxListed = 12;

    private static readonly Lazy<JsonSchema> Schema = new(Load);

    private static readonly EvaluationOptions Options = new()
    {
        OutputFormat = OutputFormat.Hierarchical,
        // startedUtc is a date-time: checked, not only annotated.
        RequireFormatValidation = true,
    };

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
    /// Each way <paramref name="json"/> departs from the schema, as "JSON path: what the schema expected; the value found
    /// (where in the schema)"; empty when it holds.
    /// </summary>
    public static IReadOnlyList<string> Problems(string json)
    {
        using var document = JsonDocument.Parse(json);
        var results = Schema.Value.Evaluate(document.RootElement, Options);
        if (results.IsValid)
        {
            return [];
        }

        var failures = Failed(results)
            .SelectMany(r => r.Errors!.Select(e => Failure.Of(r, e.Key, e.Value)))
            .Distinct()
            .ToList();
        // A nullable object is "null, or the object": where the object fails, "should be null" only repeats that.
        failures.RemoveAll(f => f.Message.EndsWith("should be \"null\"", StringComparison.Ordinal) &&
            failures.Exists(other => other != f && (other.Path == f.Path || other.Path.StartsWith(f.Path + "/", StringComparison.Ordinal))));
        return failures.Count > 0
            ? [.. failures.Select(f => f.Describe(document.RootElement))]
            : ["/: does not hold to the schema (no detail given)"];
    }

    /// <summary>
    /// The failed nodes that say why, found by descending only into failed nodes: a branch of a passing <c>anyOf</c>
    /// ("null, or the object") failed too, but that is no problem of the document.
    /// </summary>
    private static IEnumerable<EvaluationResults> Failed(EvaluationResults node)
    {
        if (node.IsValid)
        {
            yield break;
        }

        if (node.Errors is { Count: > 0 })
        {
            yield return node;
        }

        foreach (var child in node.Details ?? [])
        {
            foreach (var failed in Failed(child))
            {
                yield return failed;
            }
        }
    }

    private static JsonSchema Load()
    {
        if (!File.Exists(FilePath))
        {
            throw new FileNotFoundException($"the results schema is not at {FilePath}", FilePath);
        }

        // A registry of its own: the schema's $id is registered once per load, never into the global one twice.
        return JsonSchema.FromText(File.ReadAllText(FilePath), new BuildOptions { SchemaRegistry = new SchemaRegistry() });
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
