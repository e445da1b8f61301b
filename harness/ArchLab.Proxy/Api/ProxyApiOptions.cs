using System.Net;

namespace ArchLab.Proxy.Api;

/// <summary>Where the HTTP API listens. Immutable: vary it with <c>with</c>.</summary>
public sealed record ProxyApiOptions
{
    /// <summary>Toxiproxy's port.</summary>
    public const int DefaultPort = 8474;

    /// <summary>A loopback address only (127.0.0.1 or ::1): the API can break every connection of the lab, so nothing
    /// off this machine may reach it. Port 0 lets the system choose. Default: 127.0.0.1:8474.</summary>
    public IPEndPoint Listen { get; init; } = new(IPAddress.Loopback, DefaultPort);
}
