using ArchLab.Proxy.Proxies;
using ArchLab.Proxy.Toxics;

namespace ArchLab.Proxy;

public sealed partial class FaultProxy
{
    /// <summary>Adds a toxic to a proxy; it applies at once to every open connection (by each one's toxicity draw).
    /// Returns it with its name. Throws <see cref="ProxyException"/>: <see cref="ProxyError.ProxyNotFound"/>,
    /// <see cref="ProxyError.ToxicExists"/>, <see cref="ProxyError.Invalid"/>.</summary>
    public ToxicOptions AddToxic(string proxy, ToxicOptions toxic) => GetProxy(proxy).AddToxic(toxic);

    /// <summary>New attributes and toxicity for a toxic, applied at once to open connections without losing or reordering
    /// a byte; its name, type and stream stay (a different type or stream is <see cref="ProxyError.Invalid"/>).</summary>
    public ToxicOptions UpdateToxic(string proxy, string toxic, ToxicOptions options) =>
        GetProxy(proxy).UpdateToxic(toxic, options);

    /// <summary>Removes a toxic; data it held flows on, in order.</summary>
    public void RemoveToxic(string proxy, string toxic) => GetProxy(proxy).RemoveToxic(toxic);

    /// <summary>The toxic by that name; throws <see cref="ProxyException"/> (<see cref="ProxyError.ToxicNotFound"/>).</summary>
    public ToxicOptions GetToxic(string proxy, string toxic) => GetProxy(proxy).GetToxic(toxic);

    /// <summary>
    /// Toxiproxy's populate: creates each proxy, replacing one of the same name unless it already listens and forwards
    /// as asked (then it is kept as it is). Every entry is checked before anything changes. Returns the proxies in the
    /// order given.
    /// </summary>
    public async Task<IReadOnlyList<TcpProxy>> PopulateAsync(IReadOnlyList<ProxyOptions> proxies, CancellationToken cancellationToken = default)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var options in proxies)
        {
            options.Validate();
            if (!names.Add(options.Name))
            {
                throw ProxyException.Invalid($"duplicate proxy name {options.Name}");
            }
        }

        await _lifecycle.WaitAsync(cancellationToken);
        try
        {
            ThrowIfDisposed();
            var result = new List<TcpProxy>(proxies.Count);
            foreach (var options in proxies)
            {
                if (TryGetProxy(options.Name, out var existing))
                {
                    if (existing.Matches(options))
                    {
                        result.Add(existing);
                        continue;
                    }

                    lock (_gate)
                    {
                        _proxies.Remove(options.Name);
                    }

                    await existing.StopAsync();
                }

                var proxy = Create(options);
                Register(proxy);
                result.Add(proxy);
            }

            return result;
        }
        finally
        {
            _lifecycle.Release();
        }
    }
}
