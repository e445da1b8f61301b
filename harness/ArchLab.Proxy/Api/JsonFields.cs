using System.Text.Json;

namespace ArchLab.Proxy.Api;

/// <summary>Fields of a request object, read as Go's encoding/json reads them into Toxiproxy's structs: names match in
/// any case, unknown fields are ignored, null is as if absent, a value of the wrong kind is a bad request.</summary>
internal static class JsonFields
{
    public static void RequireObject(JsonElement element, string what)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw ProxyException.Invalid($"bad request body: {what} must be a JSON object");
        }
    }

    public static JsonElement? Find(JsonElement obj, string name)
    {
        JsonElement? folded = null;
        foreach (var property in obj.EnumerateObject())
        {
            if (property.NameEquals(name))
            {
                return Present(property.Value);
            }

            if (folded is null && string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                folded = property.Value;
            }
        }

        return folded is { } value ? Present(value) : null;
    }

    public static string? String(JsonElement obj, string name) => Find(obj, name) switch
    {
        null => null,
        { ValueKind: JsonValueKind.String } value => value.GetString(),
        _ => throw WrongKind(name, "a string"),
    };

    public static bool? Bool(JsonElement obj, string name) => Find(obj, name) switch
    {
        null => null,
        { ValueKind: JsonValueKind.True } => true,
        { ValueKind: JsonValueKind.False } => false,
        _ => throw WrongKind(name, "true or false"),
    };

    public static double? Number(JsonElement obj, string name) => Find(obj, name) switch
    {
        null => null,
        { ValueKind: JsonValueKind.Number } value => value.GetDouble(),
        _ => throw WrongKind(name, "a number"),
    };

    /// <summary>The integer fields of an object, e.g. a toxic's attributes.</summary>
    public static Dictionary<string, long> Integers(JsonElement obj)
    {
        var result = new Dictionary<string, long>(StringComparer.OrdinalIgnoreCase);
        foreach (var property in obj.EnumerateObject())
        {
            if (property.Value.ValueKind == JsonValueKind.Null)
            {
                continue;
            }

            if (property.Value.ValueKind != JsonValueKind.Number || !property.Value.TryGetInt64(out var value))
            {
                throw WrongKind(property.Name, "an integer");
            }

            result[property.Name] = value;
        }

        return result;
    }

    private static JsonElement? Present(JsonElement value) => value.ValueKind == JsonValueKind.Null ? null : value;

    private static ProxyException WrongKind(string name, string kind) =>
        ProxyException.Invalid($"bad request body: {name} must be {kind}");
}
