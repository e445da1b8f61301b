using System.Text.Json;
using ArchLab.Proxy.Proxies;

namespace ArchLab.Proxy.Api;

/// <summary>The proxy bodies of Toxiproxy's API: <c>{"name", "listen", "upstream", "enabled"}</c>.</summary>
internal static class ProxyRequests
{
    /// <summary><c>POST /proxies</c>: name and upstream required; listen defaults to 127.0.0.1:0, enabled to true.</summary>
    public static ProxyOptions Create(JsonElement body, string where = "")
    {
        JsonFields.RequireObject(body, "a proxy");
        var name = JsonFields.String(body, "name");
        if (string.IsNullOrEmpty(name))
        {
            throw ProxyException.Invalid($"missing required field: name{where}");
        }

        var upstream = JsonFields.String(body, "upstream");
        if (string.IsNullOrEmpty(upstream))
        {
            throw ProxyException.Invalid($"missing required field: upstream{where}");
        }

        return new ProxyOptions
        {
            Name = name,
            Upstream = upstream,
            Listen = Addresses.ParseListen(JsonFields.String(body, "listen")),
            Enabled = JsonFields.Bool(body, "enabled") ?? true,
        };
    }

    /// <summary><c>POST|PATCH /proxies/{name}</c>: each field defaults to the proxy's current value.</summary>
    public static ProxyOptions Update(JsonElement body, TcpProxy current)
    {
        JsonFields.RequireObject(body, "a proxy");
        var listen = JsonFields.String(body, "listen");
        return new ProxyOptions
        {
            Name = current.Name,
            Upstream = JsonFields.String(body, "upstream") ?? current.Upstream,
            Listen = listen is null ? current.ListenEndpoint : Addresses.ParseListen(listen),
            Enabled = JsonFields.Bool(body, "enabled") ?? current.Enabled,
        };
    }
}

/// <summary>Toxiproxy's populate format, for <c>POST /populate</c> and the <c>--config</c> file: a JSON array of proxies
/// (<c>name</c>, <c>listen</c>, <c>upstream</c>, <c>enabled</c>, which defaults to true).</summary>
public static class PopulateFile
{
    /// <summary>Reads the proxies; throws <see cref="ProxyException"/> (<see cref="ProxyError.Invalid"/>) with a message
    /// that says which entry and field is wrong.</summary>
    public static IReadOnlyList<ProxyOptions> Parse(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return Parse(document.RootElement);
        }
        catch (JsonException e)
        {
            throw ProxyException.Invalid($"bad request body: {e.Message}");
        }
    }

    internal static IReadOnlyList<ProxyOptions> Parse(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Array)
        {
            throw ProxyException.Invalid("bad request body: expected a JSON array of proxies");
        }

        return [.. root.EnumerateArray().Select((proxy, i) => ProxyRequests.Create(proxy, $" at proxy {i + 1}"))];
    }
}
