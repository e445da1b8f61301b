using ArchLab.Proxy;
using ArchLab.Proxy.Proxies;

namespace ArchLab.Harness.Links;

/// <summary>
/// Routes the connections an arm's network faults name through the in-process TCP fault proxy, one proxy per
/// connection, named <c>dialer->listener</c>, for the whole arm: the toxics come and go with the fault windows, and the
/// traffic outside them goes through the same proxy, so that the windows are all that differs. Every other connection
/// is direct.
/// </summary>
public sealed class ProxyLinks : ILinkRouter, IAsyncDisposable
{
    private readonly HashSet<string> _routed;

    /// <param name="connections">The connections to route, as (dialer, listener).</param>
    public ProxyLinks(IEnumerable<(string Dialer, string Listener)> connections, int? seed)
    {
        _routed = connections.Select(c => NameOf(c.Dialer, c.Listener)).ToHashSet(StringComparer.Ordinal);
        Proxy = new FaultProxy(new FaultProxyOptions { Seed = seed });
    }

    public FaultProxy Proxy { get; }

    public static string NameOf(string dialer, string listener) => $"{dialer}->{listener}";

    public async Task<Uri> RouteAsync(string from, string to, Uri target, CancellationToken cancellationToken)
    {
        var name = NameOf(from, to);
        if (!_routed.Contains(name))
        {
            return target;
        }

        // A role set started again on new ports routes again: the proxy keeps its own port and takes the new upstream.
        var options = new ProxyOptions { Name = name, Upstream = $"{target.Host}:{target.Port}" };
        var proxy = Proxy.TryGetProxy(name, out _)
            ? await Proxy.UpdateProxyAsync(options, cancellationToken)
            : await Proxy.AddProxyAsync(options, cancellationToken);
        return new UriBuilder(target) { Host = proxy.ListenEndpoint.Address.ToString(), Port = proxy.ListenEndpoint.Port }.Uri;
    }

    public ValueTask DisposeAsync() => Proxy.DisposeAsync();
}
