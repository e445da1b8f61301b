using ArchLab.Proxy.Toxics;

namespace ArchLab.Proxy.Api;

/// <summary>The <c>attributes</c> object of each toxic type in Toxiproxy's JSON: integer milliseconds, microseconds
/// (slicer delay), KB/s or bytes.</summary>
internal static class ToxicAttributes
{
    /// <summary>Every type the proxy knows, by its JSON name.</summary>
    public static readonly IReadOnlyList<string> Types =
    [
        LatencyToxic.TypeName, BandwidthToxic.TypeName, SlowCloseToxic.TypeName, TimeoutToxic.TypeName,
        ResetPeerToxic.TypeName, SlicerToxic.TypeName, LimitDataToxic.TypeName,
    ];

    public static Dictionary<string, long> Of(ToxicOptions toxic) => toxic switch
    {
        LatencyToxic t => new() { ["latency"] = Milliseconds(t.Latency), ["jitter"] = Milliseconds(t.Jitter) },
        BandwidthToxic t => new() { ["rate"] = t.RateKBps },
        SlowCloseToxic t => new() { ["delay"] = Milliseconds(t.Delay) },
        TimeoutToxic t => new() { ["timeout"] = Milliseconds(t.Timeout) },
        ResetPeerToxic t => new() { ["timeout"] = Milliseconds(t.Timeout) },
        SlicerToxic t => new()
        {
            ["average_size"] = t.AverageSize,
            ["size_variation"] = t.SizeVariation,
            ["delay"] = (long)t.Delay.TotalMicroseconds,
        },
        LimitDataToxic t => new() { ["bytes"] = t.Bytes },
        _ => throw new ArgumentOutOfRangeException(nameof(toxic), toxic.Type, "unknown toxic type"),
    };

    /// <summary>A toxic of that type with those attributes (missing ones are 0, as in Toxiproxy); null for an unknown type.</summary>
    public static ToxicOptions? Create(string type, IReadOnlyDictionary<string, long> attributes)
    {
        long Get(string name) => attributes.GetValueOrDefault(name);
        return type switch
        {
            LatencyToxic.TypeName => new LatencyToxic
            {
                Latency = TimeSpan.FromMilliseconds(Get("latency")),
                Jitter = TimeSpan.FromMilliseconds(Get("jitter")),
            },
            BandwidthToxic.TypeName => new BandwidthToxic { RateKBps = Get("rate") },
            SlowCloseToxic.TypeName => new SlowCloseToxic { Delay = TimeSpan.FromMilliseconds(Get("delay")) },
            TimeoutToxic.TypeName => new TimeoutToxic { Timeout = TimeSpan.FromMilliseconds(Get("timeout")) },
            ResetPeerToxic.TypeName => new ResetPeerToxic { Timeout = TimeSpan.FromMilliseconds(Get("timeout")) },
            SlicerToxic.TypeName => new SlicerToxic
            {
                AverageSize = Int(Get("average_size"), "average_size"),
                SizeVariation = Int(Get("size_variation"), "size_variation"),
                Delay = TimeSpan.FromMicroseconds(Get("delay")),
            },
            LimitDataToxic.TypeName => new LimitDataToxic { Bytes = Get("bytes") },
            _ => null,
        };
    }

    private static long Milliseconds(TimeSpan duration) => (long)duration.TotalMilliseconds;

    private static int Int(long value, string name) => value is >= int.MinValue and <= int.MaxValue
        ? (int)value
        : throw ProxyException.Invalid($"bad request body: {name} is out of range");
}
