namespace ArchLab.Load.Targets;

/// <summary>What an HTTP target sends: a POST of a body to one URL. Immutable: vary it with <c>with</c>.</summary>
public sealed record HttpTargetOptions
{
    /// <summary>An <c>http://</c> URL (plain HTTP/1.1; the lab never needs TLS on loopback).</summary>
    public required Uri Url { get; init; }

    /// <summary>Content type of every body. Default: application/json.</summary>
    public string ContentType { get; init; } = "application/json";

    /// <summary>The body of request <c>seq</c>; called once per request, so it may vary with the sequence number.
    /// Default: an empty body.</summary>
    public Func<long, ReadOnlyMemory<byte>> Body { get; init; } = static _ => ReadOnlyMemory<byte>.Empty;

    /// <summary>Extra headers sent with every request, e.g. a run id. Default: none.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; } = [];

    /// <summary>One header whose value differs per request, e.g. the W3C <c>traceparent</c> of request <c>seq</c>. Default: none.</summary>
    public SeqHeader? PerRequestHeader { get; init; }
}

/// <summary>A header whose value is written for each request from its sequence number.</summary>
/// <param name="Name">The header's name.</param>
/// <param name="Value">Its value for request <c>seq</c>: ASCII.</param>
public sealed record SeqHeader(string Name, Func<long, string> Value);
