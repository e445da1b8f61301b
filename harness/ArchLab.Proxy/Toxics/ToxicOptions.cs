namespace ArchLab.Proxy.Toxics;

/// <summary>
/// A toxic: a fault applied to one direction of every connection of a proxy, as in Toxiproxy 2.x. The derived records
/// carry the attributes of each type (<see cref="LatencyToxic"/>, <see cref="BandwidthToxic"/>...). Immutable: vary it
/// with <c>with</c>.
/// </summary>
public abstract record ToxicOptions
{
    private protected ToxicOptions()
    {
    }

    /// <summary>Unique within its proxy (both directions). Default: null, which names it <c>&lt;type&gt;_&lt;stream&gt;</c>
    /// (e.g. <c>latency_downstream</c>).</summary>
    public string? Name { get; init; }

    /// <summary>The direction it acts on. Default: <see cref="ToxicStream.Downstream"/>, as in Toxiproxy.</summary>
    public ToxicStream Stream { get; init; } = ToxicStream.Downstream;

    /// <summary>Probability, from 0 to 1, that the toxic acts on a given connection; drawn once per connection and
    /// toxic, so a connection is either affected or not. Default: 1 (every connection).</summary>
    public double Toxicity { get; init; } = 1.0;

    /// <summary>The type name in Toxiproxy's JSON, e.g. <c>latency</c>.</summary>
    public abstract string Type { get; }

    /// <summary><see cref="Name"/>, or the default name when it is null.</summary>
    public string EffectiveName => Name ?? $"{Type}_{Stream.ToText()}";

    /// <summary>The state one connection keeps for this toxic (bytes counted, time of the last release...).</summary>
    internal abstract ToxicState NewState();

    /// <summary>Throws <see cref="ProxyException"/> (<see cref="ProxyError.Invalid"/>) for an attribute out of range.</summary>
    internal virtual void Validate()
    {
        if (Name is { Length: 0 })
        {
            throw ProxyException.Invalid("name must not be empty");
        }

        if (!(Toxicity >= 0 && Toxicity <= 1))
        {
            throw ProxyException.Invalid($"toxicity must be between 0 and 1, not {Toxicity}");
        }
    }

    private protected static void NotNegative(TimeSpan value, string attribute)
    {
        if (value < TimeSpan.Zero)
        {
            throw ProxyException.Invalid($"{attribute} must not be negative");
        }
    }

    private protected static void NotNegative(long value, string attribute)
    {
        if (value < 0)
        {
            throw ProxyException.Invalid($"{attribute} must not be negative");
        }
    }
}
