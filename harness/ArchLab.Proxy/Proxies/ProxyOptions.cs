using System.Net;

namespace ArchLab.Proxy.Proxies;

/// <summary>One proxy: where it listens and where it forwards. Immutable: vary it with <c>with</c>.</summary>
public sealed record ProxyOptions
{
    /// <summary>Unique name, e.g. <c>edge-inventory</c>. Required.</summary>
    public required string Name { get; init; }

    /// <summary>Where each accepted connection goes: <c>host:port</c> as Toxiproxy writes it (<c>127.0.0.1:5001</c>,
    /// <c>localhost:5001</c>, <c>[::1]:5001</c>); a name is resolved at each connection. Required.</summary>
    public required string Upstream { get; init; }

    /// <summary>Where the proxy listens: a loopback address only (127.0.0.1 or ::1); port 0 lets the system choose,
    /// and <see cref="TcpProxy.ListenEndpoint"/> then says which. Default: 127.0.0.1:0.</summary>
    public IPEndPoint Listen { get; init; } = new(IPAddress.Loopback, 0);

    /// <summary>Whether it listens (and forwards) now; a disabled proxy refuses connections. Default: true.</summary>
    public bool Enabled { get; init; } = true;

    internal void Validate()
    {
        if (string.IsNullOrWhiteSpace(Name))
        {
            throw ProxyException.Invalid("name is required");
        }

        if (!IPAddress.IsLoopback(Listen.Address))
        {
            throw ProxyException.Invalid($"listen must be a loopback address (127.0.0.1 or [::1]), not {Listen.Address}");
        }

        Addresses.ParseUpstream(Upstream);
    }
}
