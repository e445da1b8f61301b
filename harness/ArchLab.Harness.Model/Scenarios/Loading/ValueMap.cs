using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace ArchLab.Harness.Model.Scenarios.Loading;

/// <summary>
/// A read-only dictionary that keeps insertion order and is equal to any dictionary with the same keys
/// and equal values, whatever their order (see <see cref="ValueList{T}"/> for why).
/// </summary>
internal sealed class ValueMap<TValue> : IReadOnlyDictionary<string, TValue>, IEquatable<IReadOnlyDictionary<string, TValue>>
{
    private readonly KeyValuePair<string, TValue>[] _ordered;
    private readonly Dictionary<string, TValue> _byKey;

    public ValueMap(IEnumerable<KeyValuePair<string, TValue>> entries)
    {
        _ordered = entries.ToArray();
        _byKey = new Dictionary<string, TValue>(_ordered, StringComparer.Ordinal);
    }

    public int Count => _ordered.Length;

    public IEnumerable<string> Keys => _ordered.Select(e => e.Key);

    public IEnumerable<TValue> Values => _ordered.Select(e => e.Value);

    public TValue this[string key] => _byKey[key];

    public bool ContainsKey(string key) => _byKey.ContainsKey(key);

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out TValue value) => _byKey.TryGetValue(key, out value);

    public bool Equals(IReadOnlyDictionary<string, TValue>? other) =>
        other is not null
        && other.Count == Count
        && _ordered.All(e => other.TryGetValue(e.Key, out var value) && EqualityComparer<TValue>.Default.Equals(e.Value, value));

    public override bool Equals(object? obj) => obj is IReadOnlyDictionary<string, TValue> other && Equals(other);

    // Order-free, like the equality.
    public override int GetHashCode() =>
        _ordered.Aggregate(Count, (hash, e) => hash ^ HashCode.Combine(e.Key, e.Value));

    public IEnumerator<KeyValuePair<string, TValue>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, TValue>>)_ordered).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
