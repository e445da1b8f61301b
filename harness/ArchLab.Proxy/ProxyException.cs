namespace ArchLab.Proxy;

/// <summary>What went wrong with a request to the fault proxy; the HTTP API maps each to Toxiproxy's status code.</summary>
public enum ProxyError
{
    /// <summary>A field is missing or out of range (HTTP 400).</summary>
    Invalid,

    /// <summary>No proxy by that name (HTTP 404).</summary>
    ProxyNotFound,

    /// <summary>A proxy by that name exists already (HTTP 409).</summary>
    ProxyExists,

    /// <summary>The proxy has no toxic by that name (HTTP 404).</summary>
    ToxicNotFound,

    /// <summary>The proxy has a toxic by that name already, in either direction (HTTP 409).</summary>
    ToxicExists,

    /// <summary>The listen address could not be bound, e.g. the port is taken (HTTP 500, as in Toxiproxy).</summary>
    ListenFailed,
}

/// <summary>A request the fault proxy refused; <see cref="Error"/> says why.</summary>
public sealed class ProxyException : Exception
{
    public ProxyException(ProxyError error, string message, Exception? inner = null)
        : base(message, inner) => Error = error;

    public ProxyError Error { get; }

    internal static ProxyException ProxyNotFound(string name) => new(ProxyError.ProxyNotFound, $"proxy not found: {name}");

    internal static ProxyException ToxicNotFound(string proxy, string toxic) =>
        new(ProxyError.ToxicNotFound, $"toxic not found: {toxic} (proxy {proxy})");

    internal static ProxyException Invalid(string message) => new(ProxyError.Invalid, message);
}
