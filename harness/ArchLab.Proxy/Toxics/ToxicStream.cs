namespace ArchLab.Proxy.Toxics;

/// <summary>Which direction of a connection a toxic acts on, named as in Toxiproxy.</summary>
public enum ToxicStream
{
    /// <summary>From the client to the server (requests).</summary>
    Upstream,

    /// <summary>From the server to the client (answers).</summary>
    Downstream,
}

/// <summary>The names of <see cref="ToxicStream"/> in Toxiproxy's JSON.</summary>
public static class ToxicStreams
{
    public static string ToText(this ToxicStream stream) => stream == ToxicStream.Upstream ? "upstream" : "downstream";

    /// <summary>Reads <c>upstream</c> or <c>downstream</c>, in any case, as Toxiproxy does.</summary>
    public static bool TryParse(string? text, out ToxicStream stream)
    {
        stream = ToxicStream.Downstream;
        if (string.Equals(text, "upstream", StringComparison.OrdinalIgnoreCase))
        {
            stream = ToxicStream.Upstream;
            return true;
        }

        return string.Equals(text, "downstream", StringComparison.OrdinalIgnoreCase);
    }
}
