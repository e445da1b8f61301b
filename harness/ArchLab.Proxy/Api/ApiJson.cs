using System.Text.Json;
using System.Text.Json.Serialization;
using ArchLab.Proxy.Proxies;
using ArchLab.Proxy.Toxics;
using Microsoft.AspNetCore.Http;

namespace ArchLab.Proxy.Api;

/// <summary>A proxy as Toxiproxy's API shows it.</summary>
internal sealed record ProxyJson(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("listen")] string Listen,
    [property: JsonPropertyName("upstream")] string Upstream,
    [property: JsonPropertyName("enabled")] bool Enabled,
    [property: JsonPropertyName("toxics")] IReadOnlyList<ToxicJson> Toxics)
{
    public static ProxyJson From(TcpProxy proxy) =>
        new(proxy.Name, proxy.Listen, proxy.Upstream, proxy.Enabled, [.. proxy.Toxics.Select(ToxicJson.From)]);
}

/// <summary>A toxic as Toxiproxy's API shows it, attributes first.</summary>
internal sealed record ToxicJson(
    [property: JsonPropertyName("attributes")] IReadOnlyDictionary<string, long> Attributes,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("stream")] string Stream,
    [property: JsonPropertyName("toxicity")] double Toxicity)
{
    public static ToxicJson From(ToxicOptions toxic) =>
        new(ToxicAttributes.Of(toxic), toxic.EffectiveName, toxic.Type, toxic.Stream.ToText(), toxic.Toxicity);
}

/// <summary>Toxiproxy's error body.</summary>
internal sealed record ErrorJson(
    [property: JsonPropertyName("error")] string Error,
    [property: JsonPropertyName("status")] int Status);

/// <summary>The answer to <c>POST /populate</c>: the proxies, or the error and no proxies.</summary>
internal sealed record PopulateJson(
    [property: JsonPropertyName("error"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Error,
    [property: JsonPropertyName("status"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Status,
    [property: JsonPropertyName("proxies")] IReadOnlyList<ProxyJson>? Proxies);

/// <summary>Reading requests and writing answers in Toxiproxy's shapes.</summary>
internal static class ApiJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.General);

    public static IResult Ok(object value, int status = StatusCodes.Status200OK) =>
        Results.Json(value, Options, statusCode: status);

    /// <summary>The status code and message Toxiproxy answers with for this error.</summary>
    public static (int Status, string Message) Describe(ProxyException error) => error.Error switch
    {
        ProxyError.ProxyNotFound => (StatusCodes.Status404NotFound, "proxy not found"),
        ProxyError.ProxyExists => (StatusCodes.Status409Conflict, "proxy already exists"),
        ProxyError.ToxicNotFound => (StatusCodes.Status404NotFound, "toxic not found"),
        ProxyError.ToxicExists => (StatusCodes.Status409Conflict, "toxic already exists"),
        ProxyError.ListenFailed => (StatusCodes.Status500InternalServerError, error.Message),
        _ => (StatusCodes.Status400BadRequest, error.Message),
    };

    public static IResult Error(ProxyException error)
    {
        var (status, message) = Describe(error);
        return Results.Json(new ErrorJson(message, status), Options, statusCode: status);
    }

    /// <summary>The request body as JSON; a body that is not JSON is <c>bad request body: ...</c> (400).</summary>
    public static async Task<JsonElement> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        try
        {
            using var document = await JsonDocument.ParseAsync(request.Body, cancellationToken: cancellationToken);
            return document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw ProxyException.Invalid($"bad request body: {e.Message}");
        }
    }
}
