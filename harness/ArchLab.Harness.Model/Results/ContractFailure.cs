using System.Globalization;
using System.Text.Json;
using Json.Schema;

namespace ArchLab.Harness.Model.Results;

/// <summary>One way a results.json departs from its schema: where in the document, what the schema said, and where in the schema.</summary>
internal sealed record ContractFailure(string Path, string Keyword, string Message, string SchemaAt)
{
    private const string Extra = "/additionalProperties";

    public static ContractFailure Of(EvaluationResults node, string keyword, string message)
    {
        var schemaAt = node.SchemaLocation.Fragment;
        // An extra field meets "additionalProperties": false as the false schema, which says only that it fails:
        // say what that means for this contract, and point at the object's definition.
        var extra = schemaAt.IndexOf(Extra, StringComparison.Ordinal);
        return keyword.Length == 0 && extra > 0
            ? new(node.InstanceLocation.ToString(), keyword, "a field the schema does not define (a new field goes into docs/results.schema.json and docs/results.md)", schemaAt[..extra])
            : new(node.InstanceLocation.ToString(), keyword, message, schemaAt);
    }

    public string Describe(JsonElement root)
    {
        var found = Find(root, Path) is { ValueKind: not (JsonValueKind.Object or JsonValueKind.Array) } value
            ? $"; found {value.GetRawText()}"
            : "";
        return $"{(Path.Length == 0 ? "/" : Path)}: {Message}{found} (schema {SchemaAt})";
    }

    // The value a JSON pointer names, or null when it names nothing (a field reported missing).
    private static JsonElement? Find(JsonElement root, string pointer)
    {
        var current = root;
        foreach (var token in pointer.Split('/').Skip(1).Select(t => t.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)))
        {
            if (current.ValueKind == JsonValueKind.Object && current.TryGetProperty(token, out var field))
            {
                current = field;
            }
            else if (current.ValueKind == JsonValueKind.Array && int.TryParse(token, CultureInfo.InvariantCulture, out var index) && index < current.GetArrayLength())
            {
                current = current[index];
            }
            else
            {
                return null;
            }
        }

        return current;
    }
}
