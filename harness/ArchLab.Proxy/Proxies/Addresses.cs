using System.Globalization;
using System.Net;

namespace ArchLab.Proxy.Proxies;

/// <summary>Addresses written as Toxiproxy writes them: <c>host:port</c>, with brackets around an IPv6 host.</summary>
public static class Addresses
{
    /// <summary>A listen address: loopback only (<c>127.0.0.1</c>, <c>localhost</c>, <c>[::1]</c>); an empty text is
    /// <c>127.0.0.1:0</c>.</summary>
    public static IPEndPoint ParseListen(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return new IPEndPoint(IPAddress.Loopback, 0);
        }

        var (host, port) = Split(text, "listen");
        var address = host.Equals("localhost", StringComparison.OrdinalIgnoreCase) ? IPAddress.Loopback
            : IPAddress.TryParse(host, out var parsed) ? parsed
            : null;
        if (address is null || !IPAddress.IsLoopback(address))
        {
            throw ProxyException.Invalid($"listen must be a loopback address (127.0.0.1 or [::1]), not {text}");
        }

        return new IPEndPoint(address, port);
    }

    /// <summary>An upstream address: a host (name or address) and a port from 1 to 65535.</summary>
    public static (string Host, int Port) ParseUpstream(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw ProxyException.Invalid("upstream is required");
        }

        var (host, port) = Split(text, "upstream");
        if (host.Length == 0 || port == 0)
        {
            throw ProxyException.Invalid($"upstream must be host:port with a port from 1 to 65535, not {text}");
        }

        return (host, port);
    }

    /// <summary>The text of an endpoint as Toxiproxy shows it: <c>127.0.0.1:8080</c>, <c>[::1]:8080</c>.</summary>
    public static string Format(IPEndPoint endpoint) => endpoint.ToString();

    private static (string Host, int Port) Split(string text, string field)
    {
        var colon = text.LastIndexOf(':');
        if (colon < 0 || !int.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port)
            || port > IPEndPoint.MaxPort)
        {
            throw ProxyException.Invalid($"{field} must be host:port, not {text}");
        }

        var host = text[..colon];
        if (host.StartsWith('[') && host.EndsWith(']'))
        {
            host = host[1..^1];
        }
        else if (host.Contains(':', StringComparison.Ordinal))
        {
            throw ProxyException.Invalid($"{field} must put an IPv6 address in brackets, e.g. [::1]:8080, not {text}");
        }

        return (host, port);
    }
}
