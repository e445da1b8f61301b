using ArchLab.Contracts.Workflow;

namespace ArchLab.Harness.Model.Scenarios.Loading;

/// <summary>
/// Reads a network fault: <c>link: from->to</c> and exactly one toxic, stored with the attribute names
/// and units of Toxiproxy (milliseconds, KB/s, bytes; the slicer delay in microseconds).
/// </summary>
internal static class LinkFaultReader
{
    private static readonly string[] Toxics = ["latency", "bandwidth", "timeout", "reset_peer", "slicer", "limit_data", "down"];
    private static readonly string[] Endpoints = ["caller", "devices", .. Roles.All, "broker"];
    private static readonly string[] Directions = ["upstream", "downstream"];

    /// <summary>Fields of a link fault besides <c>at</c>, <c>for</c> and <c>link</c>.</summary>
    public static IReadOnlyList<string> Known { get; } = [.. Toxics, "jitter", "delay", "direction", "toxicity"];

    public static NetworkFault? Read(Fields fields, TimeSpan? at, TimeSpan? length)
    {
        var link = ReadLink(fields);
        var toxic = Toxic(fields);
        if (toxic != "latency" && fields.Has("jitter"))
        {
            fields.NotHere("jitter", "is only for a latency toxic");
        }

        if (toxic != "slicer" && fields.Has("delay"))
        {
            fields.NotHere("delay", "is only for a slicer toxic");
        }

        var attributes = toxic is null ? null : Attributes(fields, toxic);
        var direction = fields.Choice("direction", Directions) == "upstream" ? ToxicDirection.Upstream : ToxicDirection.Downstream;
        var toxicity = fields.Fraction("toxicity") ?? 1;
        if (link is null || toxic is null || attributes is null || at is not { } start)
        {
            return null;
        }

        return new NetworkFault(start, length, link, toxic, new ValueMap<long>(attributes), direction, toxicity);
    }

    private static string? ReadLink(Fields fields)
    {
        var node = fields.Value("link")!;
        var path = fields.PathOf("link");
        var expected = $"a link such as edge->payment, from and to each one of {string.Join(", ", Endpoints)}";
        if (Nodes.Scalar(node, path, expected, fields.Problems) is not { } text)
        {
            return null;
        }

        var ends = text.Split("->", StringSplitOptions.TrimEntries);
        if (ends.Length != 2 || ends.Any(e => e.Length == 0))
        {
            fields.Problems.At(node, path, $"expected {expected}, got {Units.Quote(text)}");
            return null;
        }

        foreach (var end in ends.Where(e => !Endpoints.Contains(e)))
        {
            fields.Problems.At(node, path, $"unknown endpoint '{end}'; expected one of: {string.Join(", ", Endpoints)}" +
                Expectations.NearestNames.DidYouMean(end, Endpoints));
            return null;
        }

        if (ends[1] is "caller" or "devices" || ends[0] == ends[1])
        {
            fields.Problems.At(node, path, $"expected a link between two different endpoints, the caller and the devices only as the source, got {Units.Quote(text)}");
            return null;
        }

        return $"{ends[0]}->{ends[1]}";
    }

    private static string? Toxic(Fields fields)
    {
        var present = Toxics.Where(fields.Has).ToList();
        if (present.Count == 0)
        {
            fields.Problems.At(fields.Node, fields.Path, $"a link fault needs exactly one toxic: {string.Join(", ", Toxics)}");
            return null;
        }

        foreach (var extra in present.Skip(1))
        {
            fields.NotHere(extra, $"cannot be combined with '{present[0]}': a link fault has exactly one toxic; write two faults");
        }

        return present.Count == 1 ? present[0] : null;
    }

    private static Dictionary<string, long>? Attributes(Fields fields, string toxic)
    {
        var values = new Dictionary<string, long>(StringComparer.Ordinal);
        bool Put(string attribute, long? value)
        {
            if (value is { } v)
            {
                values[attribute] = v;
            }

            return value is not null;
        }

        var ok = toxic switch
        {
            "latency" => Put("latency", Milliseconds(fields, "latency")) & Put("jitter", fields.Has("jitter") ? Milliseconds(fields, "jitter") : 0),
            "bandwidth" => Put("rate", Bandwidth(fields)),
            "timeout" or "reset_peer" => Put("timeout", Milliseconds(fields, toxic)),
            "slicer" => Put("average_size", fields.Size("slicer", positive: true)?.Bytes) & Put("size_variation", 0)
                & Put("delay", fields.Has("delay") ? (long?)fields.Duration("delay")?.TotalMicroseconds : 0),
            "limit_data" => Put("bytes", fields.Size("limit_data")?.Bytes),
            _ => Down(fields),
        };
        return ok ? values : null;
    }

    // Toxiproxy takes whole milliseconds; a finer duration would be silently cut.
    private static long? Milliseconds(Fields fields, string name)
    {
        var value = fields.Duration(name);
        if (value is { } d && d.Ticks % TimeSpan.TicksPerMillisecond != 0)
        {
            fields.Problems.At(fields.Value(name)!, fields.PathOf(name),
                $"expected a whole number of milliseconds (Toxiproxy's unit), got {Nodes.Describe(fields.Value(name)!)}");
            return null;
        }

        return value is { } ms ? (long)ms.TotalMilliseconds : null;
    }

    private static long? Bandwidth(Fields fields)
    {
        var value = fields.Parse<long>("bandwidth", Units.TryParseBandwidth, Units.BandwidthExpected);
        if (value == 0)
        {
            fields.Problems.At(fields.Value("bandwidth")!, fields.PathOf("bandwidth"), $"expected a bandwidth > 0, got {Nodes.Describe(fields.Value("bandwidth")!)}; use timeout: 0s for a black hole");
            return null;
        }

        return value;
    }

    private static bool Down(Fields fields)
    {
        var down = fields.Boolean("down");
        if (down == false)
        {
            fields.Problems.At(fields.Value("down")!, fields.PathOf("down"), "expected true (the link is down for the window), got 'false'; leave the fault out instead");
        }

        return down == true;
    }
}
