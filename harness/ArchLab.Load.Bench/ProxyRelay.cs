using ArchLab.Proxy;
using ArchLab.Proxy.Proxies;

namespace ArchLab.Load.Bench;

/// <summary>
/// The fault proxy in a process of its own, relaying one listener to the no-op endpoint with no toxic: the proxy
/// benchmark's out-of-process variant, so that its CPU is not the load generator's. Says <c>listening http://...</c>
/// with its listener once it accepts.
/// </summary>
internal static class ProxyRelay
{
    public static async Task<int> RunAsync(string upstream)
    {
        await using var faults = new FaultProxy();
        var proxy = await faults.AddProxyAsync(new ProxyOptions { Name = "bench-own-process", Upstream = upstream });
        Console.WriteLine($"{NoopServer.ReadyPrefix}http://{proxy.ListenEndpoint}/");

        // The parent ends this process by closing its stdin (or by killing it).
        await Console.In.ReadToEndAsync();
        return 0;
    }
}
