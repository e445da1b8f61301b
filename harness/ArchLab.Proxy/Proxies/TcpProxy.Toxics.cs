using ArchLab.Proxy.Toxics;

namespace ArchLab.Proxy.Proxies;

public sealed partial class TcpProxy
{
    // Guarded by _gate: each direction's chain, in the order toxics were added (an update keeps the place).
    private readonly List<ToxicEntry> _upstreamToxics = [];
    private readonly List<ToxicEntry> _downstreamToxics = [];
    private long _nextToxicId;

    /// <summary>Upstream toxics, then downstream ones, each in chain order, as Toxiproxy lists them.</summary>
    public IReadOnlyList<ToxicOptions> Toxics
    {
        get
        {
            lock (_gate)
            {
                return [.. _upstreamToxics.Concat(_downstreamToxics).Select(e => e.Toxic)];
            }
        }
    }

    internal ToxicOptions GetToxic(string name)
    {
        lock (_gate)
        {
            return Find(name)?.Entry.Toxic ?? throw ProxyException.ToxicNotFound(Name, name);
        }
    }

    internal ToxicOptions AddToxic(ToxicOptions toxic)
    {
        toxic = toxic with { Name = toxic.EffectiveName };
        lock (_gate)
        {
            // A taken name is reported before bad attributes, as in Toxiproxy.
            if (Find(toxic.Name) is not null)
            {
                throw new ProxyException(ProxyError.ToxicExists, $"toxic already exists: {toxic.Name} (proxy {Name})");
            }

            toxic.Validate();

            Chain(toxic.Stream).Add(new ToxicEntry(++_nextToxicId, toxic));
            Relink(toxic.Stream);
            return toxic;
        }
    }

    /// <summary>New attributes and toxicity for a toxic; its name, type and stream stay.</summary>
    internal ToxicOptions UpdateToxic(string name, ToxicOptions toxic)
    {
        lock (_gate)
        {
            var (chain, index, entry) = Find(name) ?? throw ProxyException.ToxicNotFound(Name, name);
            if (toxic.GetType() != entry.Toxic.GetType())
            {
                throw ProxyException.Invalid($"toxic {name} is {entry.Toxic.Type}: its type cannot change");
            }

            if (toxic.Stream != entry.Toxic.Stream)
            {
                throw ProxyException.Invalid($"toxic {name} is {entry.Toxic.Stream.ToText()}: its stream cannot change");
            }

            var updated = toxic with { Name = name };
            updated.Validate();
            chain[index] = entry with { Toxic = updated };
            Relink(updated.Stream);
            return updated;
        }
    }

    internal void RemoveToxic(string name)
    {
        lock (_gate)
        {
            var (chain, index, entry) = Find(name) ?? throw ProxyException.ToxicNotFound(Name, name);
            chain.RemoveAt(index);
            Relink(entry.Toxic.Stream);
        }
    }

    internal void RemoveAllToxics()
    {
        lock (_gate)
        {
            _upstreamToxics.Clear();
            _downstreamToxics.Clear();
            Relink(ToxicStream.Upstream);
            Relink(ToxicStream.Downstream);
        }
    }

    private List<ToxicEntry> Chain(ToxicStream stream) => stream == ToxicStream.Upstream ? _upstreamToxics : _downstreamToxics;

    private (List<ToxicEntry> Chain, int Index, ToxicEntry Entry)? Find(string name)
    {
        foreach (var chain in new[] { _upstreamToxics, _downstreamToxics })
        {
            var index = chain.FindIndex(e => e.Toxic.Name == name);
            if (index >= 0)
            {
                return (chain, index, chain[index]);
            }
        }

        return null;
    }

    /// <summary>Gives every open connection the direction's new chain; under the lock, so a connection being attached
    /// gets either this chain or a later one.</summary>
    private void Relink(ToxicStream stream)
    {
        ToxicEntry[] entries = [.. Chain(stream)];
        foreach (var connection in _connections)
        {
            connection.LinkFor(stream)?.Reconcile(entries, _random);
        }
    }
}
