using System.Diagnostics.CodeAnalysis;
using ArchLab.Proxy.Proxies;
using ArchLab.Proxy.Toxics;

namespace ArchLab.Proxy;

/// <summary>
/// The TCP fault proxy of the network faults (README.md, "The TCP fault proxy"), in-process: named proxies on loopback ports, each with toxics that apply
/// live to its open connections, as Toxiproxy 2.x does. Thread safe; changes of proxies (add, update, remove, populate,
/// reset) run one at a time, toxic changes apply at once. <see cref="Api.ProxyApiServer"/> serves it over Toxiproxy's
/// HTTP API.
/// </summary>
public sealed partial class FaultProxy : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _lifecycle = new(1, 1);
    private readonly Dictionary<string, TcpProxy> _proxies = new(StringComparer.Ordinal);
    private readonly int _seed;
    private bool _disposed;

    public FaultProxy(FaultProxyOptions? options = null)
    {
        Options = options ?? new FaultProxyOptions();
        Options.Validate();
        _seed = Options.Seed ?? Random.Shared.Next();
    }

    public FaultProxyOptions Options { get; }

    /// <summary>Every proxy, by name.</summary>
    public IReadOnlyList<TcpProxy> Proxies
    {
        get
        {
            lock (_gate)
            {
                return [.. _proxies.Values.OrderBy(p => p.Name, StringComparer.Ordinal)];
            }
        }
    }

    /// <summary>The proxy by that name; throws <see cref="ProxyException"/> (<see cref="ProxyError.ProxyNotFound"/>).</summary>
    public TcpProxy GetProxy(string name) =>
        TryGetProxy(name, out var proxy) ? proxy : throw ProxyException.ProxyNotFound(name);

    public bool TryGetProxy(string name, [NotNullWhen(true)] out TcpProxy? proxy)
    {
        lock (_gate)
        {
            return _proxies.TryGetValue(name, out proxy);
        }
    }

    /// <summary>Creates a proxy, listening at once when <see cref="ProxyOptions.Enabled"/>; its
    /// <see cref="TcpProxy.ListenEndpoint"/> has the port the system chose. Throws <see cref="ProxyException"/>:
    /// <see cref="ProxyError.ProxyExists"/>, <see cref="ProxyError.Invalid"/>, <see cref="ProxyError.ListenFailed"/>.</summary>
    public async Task<TcpProxy> AddProxyAsync(ProxyOptions options, CancellationToken cancellationToken = default)
    {
        options.Validate();
        await _lifecycle.WaitAsync(cancellationToken);
        try
        {
            ThrowIfDisposed();
            if (TryGetProxy(options.Name, out _))
            {
                throw new ProxyException(ProxyError.ProxyExists, $"proxy already exists: {options.Name}");
            }

            var proxy = Create(options);
            Register(proxy);
            return proxy;
        }
        finally
        {
            _lifecycle.Release();
        }
    }

    /// <summary>Changes the addresses and the enabled state of the proxy named <see cref="ProxyOptions.Name"/>; a new
    /// address restarts it (closing its connections), as in Toxiproxy. A listen port of 0 keeps the current port.</summary>
    public async Task<TcpProxy> UpdateProxyAsync(ProxyOptions options, CancellationToken cancellationToken = default)
    {
        options.Validate();
        await _lifecycle.WaitAsync(cancellationToken);
        try
        {
            var proxy = GetProxy(options.Name);
            await proxy.UpdateAsync(options);
            return proxy;
        }
        finally
        {
            _lifecycle.Release();
        }
    }

    /// <summary>Disabling (a scenario's <c>down</c>) stops listening and closes every open connection, and returns once
    /// they are closed; enabling listens again on the same port. The toxics stay.</summary>
    public async Task<TcpProxy> SetEnabledAsync(string name, bool enabled, CancellationToken cancellationToken = default)
    {
        await _lifecycle.WaitAsync(cancellationToken);
        try
        {
            var proxy = GetProxy(name);
            if (enabled)
            {
                proxy.Start();
            }
            else
            {
                await proxy.StopAsync();
            }

            return proxy;
        }
        finally
        {
            _lifecycle.Release();
        }
    }

    /// <summary>Stops the proxy, closes its connections and forgets it.</summary>
    public async Task RemoveProxyAsync(string name, CancellationToken cancellationToken = default)
    {
        await _lifecycle.WaitAsync(cancellationToken);
        try
        {
            var proxy = GetProxy(name);
            lock (_gate)
            {
                _proxies.Remove(name);
            }

            await proxy.StopAsync();
        }
        finally
        {
            _lifecycle.Release();
        }
    }

    /// <summary>Every proxy listens again and loses its toxics (Toxiproxy's <c>POST /reset</c>).</summary>
    public async Task ResetAsync(CancellationToken cancellationToken = default)
    {
        await _lifecycle.WaitAsync(cancellationToken);
        try
        {
            foreach (var proxy in Proxies)
            {
                proxy.Start();
                proxy.RemoveAllToxics();
            }
        }
        finally
        {
            _lifecycle.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _lifecycle.WaitAsync();
        try
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            TcpProxy[] proxies;
            lock (_gate)
            {
                proxies = [.. _proxies.Values];
                _proxies.Clear();
            }

            await Task.WhenAll(proxies.Select(p => p.StopAsync()));
        }
        finally
        {
            _lifecycle.Release();
        }
    }

    private TcpProxy Create(ProxyOptions options)
    {
        var proxy = new TcpProxy(options, Options, new Random(_seed ^ StableHash(options.Name)));
        if (options.Enabled)
        {
            proxy.Start();
        }

        return proxy;
    }

    private void Register(TcpProxy proxy)
    {
        lock (_gate)
        {
            _proxies[proxy.Name] = proxy;
        }
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(_disposed, this);

    // A proxy's draws depend on the seed and its name only, not on the order proxies were created in.
    private static int StableHash(string text)
    {
        var hash = 2166136261;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 16777619;
        }

        return (int)hash;
    }
}
