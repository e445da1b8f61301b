using System.Text.Json;
using ArchLab.Proxy.Toxics;

namespace ArchLab.Proxy.Api;

/// <summary>The toxic bodies of Toxiproxy's API: <c>{"name", "type", "stream", "toxicity", "attributes": {...}}</c>.</summary>
internal static class ToxicRequests
{
    /// <summary><c>POST /proxies/{name}/toxics</c>: type required; stream defaults to downstream, toxicity to 1, the name
    /// to <c>&lt;type&gt;_&lt;stream&gt;</c>, missing attributes to 0.</summary>
    public static ToxicOptions Create(JsonElement body)
    {
        JsonFields.RequireObject(body, "a toxic");
        var streamText = JsonFields.String(body, "stream") ?? "downstream";
        if (!ToxicStreams.TryParse(streamText, out var stream))
        {
            throw ProxyException.Invalid("stream was invalid, can be either upstream or downstream");
        }

        var type = JsonFields.String(body, "type") ?? "";
        if (!ToxicAttributes.Types.Contains(type))
        {
            throw ProxyException.Invalid("invalid toxic type");
        }

        var toxic = ToxicAttributes.Create(type, Attributes(body))!;
        var name = JsonFields.String(body, "name");
        return toxic with
        {
            Name = string.IsNullOrEmpty(name) ? null : name,
            Stream = stream,
            Toxicity = JsonFields.Number(body, "toxicity") ?? 1.0,
        };
    }

    /// <summary><c>POST|PATCH /proxies/{name}/toxics/{toxic}</c>: the attributes given replace those of the toxic, the
    /// others stay; so does the toxicity when not given. Name, type and stream do not change.</summary>
    public static ToxicOptions Update(JsonElement body, ToxicOptions current)
    {
        JsonFields.RequireObject(body, "a toxic");
        var attributes = new Dictionary<string, long>(ToxicAttributes.Of(current), StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in Attributes(body))
        {
            attributes[name] = value;
        }

        return ToxicAttributes.Create(current.Type, attributes)! with
        {
            Name = current.Name,
            Stream = current.Stream,
            Toxicity = JsonFields.Number(body, "toxicity") ?? current.Toxicity,
        };
    }

    private static Dictionary<string, long> Attributes(JsonElement body)
    {
        if (JsonFields.Find(body, "attributes") is not { } attributes)
        {
            return [];
        }

        JsonFields.RequireObject(attributes, "attributes");
        return JsonFields.Integers(attributes);
    }
}
