using System.Text.Json;
using System.Text.Json.Serialization;

namespace ArchLab.Harness.Model.Results;

/// <summary>Reads and writes <c>results.json</c>: camelCase, indented, nulls written as null (a null says "does not apply").</summary>
public static class ResultsJson
{
    public static string Serialize(RunResults results) => JsonSerializer.Serialize(results, ResultsJsonContext.Default.RunResults);

    public static RunResults Deserialize(string json) =>
        JsonSerializer.Deserialize(json, ResultsJsonContext.Default.RunResults) ?? throw new JsonException("results.json is empty");

    public static async Task WriteAsync(string path, RunResults results, CancellationToken cancellationToken = default)
    {
        await using var stream = File.Create(path);
        await JsonSerializer.SerializeAsync(stream, results, ResultsJsonContext.Default.RunResults, cancellationToken);
    }

    public static RunResults Read(string path) => Deserialize(File.ReadAllText(path));
}

[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(RunResults))]
internal sealed partial class ResultsJsonContext : JsonSerializerContext;
