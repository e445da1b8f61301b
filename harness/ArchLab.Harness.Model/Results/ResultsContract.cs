using System.Text.Json;
using Json.Schema;

namespace ArchLab.Harness.Model.Results;

/// <summary>
/// A results.json against its contract, the JSON Schema of docs/results.schema.json (built into this assembly): each
/// problem as "JSON path: what the schema expected; the value found (where in the schema)". The commands that read a
/// run say this instead of a parser's message about .NET types; the tests hold every results.json to the same schema.
/// </summary>
public static class ResultsContract
{
    private static readonly Lazy<JsonSchema> Embedded = new(() => Load(ReadEmbedded()));

    private static readonly EvaluationOptions Options = new()
    {
        OutputFormat = OutputFormat.Hierarchical,
        // startedUtc is a date-time: checked, not only annotated.
        RequireFormatValidation = true,
    };

    /// <summary>The schema built into this assembly.</summary>
    public static JsonSchema Schema => Embedded.Value;

    /// <summary>Builds a schema from its text, in a registry of its own (the $id is registered once per schema, never twice globally).</summary>
    public static JsonSchema Load(string text) => JsonSchema.FromText(text, new BuildOptions { SchemaRegistry = new SchemaRegistry() });

    /// <summary>
    /// Each way <paramref name="json"/> departs from <paramref name="schema"/> (the built-in one by default); empty when it
    /// holds. With <paramref name="allowMissing"/>, a field that is absent is no problem: results written before the field
    /// existed read with its default.
    /// </summary>
    /// <exception cref="JsonException">The text is not JSON.</exception>
    public static IReadOnlyList<string> Problems(string json, JsonSchema? schema = null, bool allowMissing = false)
    {
        using var document = JsonDocument.Parse(json);
        var results = (schema ?? Schema).Evaluate(document.RootElement, Options);
        if (results.IsValid)
        {
            return [];
        }

        var failures = Failed(results)
            .SelectMany(r => r.Errors!.Select(e => ContractFailure.Of(r, e.Key, e.Value)))
            .Distinct()
            .ToList();
        // A nullable object is "null, or the object": where the object fails, "should be null" only repeats that.
        failures.RemoveAll(f => f.Message.EndsWith("should be \"null\"", StringComparison.Ordinal) &&
            failures.Exists(other => other != f && (other.Path == f.Path || other.Path.StartsWith(f.Path + "/", StringComparison.Ordinal))));
        if (allowMissing)
        {
            failures.RemoveAll(f => f.Keyword == "required");
        }

        return failures.Count > 0 ? [.. failures.Select(f => f.Describe(document.RootElement))]
            : allowMissing ? [] // nothing but absent fields
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

    private static string ReadEmbedded()
    {
        using var stream = typeof(ResultsContract).Assembly.GetManifestResourceStream("results.schema.json")
            ?? throw new InvalidOperationException("results.schema.json is not built into ArchLab.Harness.Model");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
