using ArchLab.Harness.Links;
using ArchLab.Harness.Model.Scenarios;
using ArchLab.Proxy;
using ArchLab.Proxy.Toxics;

namespace ArchLab.Harness.Faults;

/// <summary>
/// A network fault on one connection: its toxic added to the connection's proxy when the window opens and removed when
/// it closes, live on the open connections; <c>down</c> disables the proxy (it stops listening and closes its
/// connections) and enables it again on the same port.
/// </summary>
public sealed class NetworkFaultAction(NetworkFault fault, FaultProxy proxy, string proxyName, string toxicName) : IFaultAction
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (fault.Toxic == "down")
        {
            await proxy.SetEnabledAsync(proxyName, enabled: false, cancellationToken);
            return;
        }

        proxy.AddToxic(proxyName, ToxicOf(fault, toxicName));
    }

    public async Task EndAsync(CancellationToken cancellationToken)
    {
        if (fault.Toxic == "down")
        {
            await proxy.SetEnabledAsync(proxyName, enabled: true, cancellationToken);
            return;
        }

        proxy.RemoveToxic(proxyName, toxicName);
    }

    /// <summary>The proxy's toxic for a scenario's fault; the attributes are stored in Toxiproxy's units.</summary>
    public static ToxicOptions ToxicOf(NetworkFault fault, string name)
    {
        long Attribute(string key) => fault.Attributes.TryGetValue(key, out var value) ? value : 0;
        ToxicOptions toxic = fault.Toxic switch
        {
            LatencyToxic.TypeName => new LatencyToxic
            {
                Latency = TimeSpan.FromMilliseconds(Attribute("latency")),
                Jitter = TimeSpan.FromMilliseconds(Attribute("jitter")),
            },
            BandwidthToxic.TypeName => new BandwidthToxic { RateKBps = Attribute("rate") },
            TimeoutToxic.TypeName => new TimeoutToxic { Timeout = TimeSpan.FromMilliseconds(Attribute("timeout")) },
            ResetPeerToxic.TypeName => new ResetPeerToxic { Timeout = TimeSpan.FromMilliseconds(Attribute("timeout")) },
            SlicerToxic.TypeName => new SlicerToxic
            {
                AverageSize = (int)Attribute("average_size"),
                SizeVariation = (int)Attribute("size_variation"),
                Delay = TimeSpan.FromMicroseconds(Attribute("delay")),
            },
            LimitDataToxic.TypeName => new LimitDataToxic { Bytes = Attribute("bytes") },
            _ => throw new ArgumentException($"no toxic '{fault.Toxic}'", nameof(fault)),
        };
        return toxic with
        {
            Name = name,
            Stream = fault.Direction == ToxicDirection.Upstream ? ToxicStream.Upstream : ToxicStream.Downstream,
            Toxicity = fault.Toxicity,
        };
    }
}
