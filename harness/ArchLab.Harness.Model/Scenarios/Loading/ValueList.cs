using System.Collections;

namespace ArchLab.Harness.Model.Scenarios.Loading;

/// <summary>
/// A read-only list equal to any list with equal items in the same order. The loader builds the model's
/// lists with it so that two loads of the same text give scenarios that are equal as records.
/// </summary>
internal sealed class ValueList<T>(IEnumerable<T> items) : IReadOnlyList<T>, IEquatable<IReadOnlyList<T>>
{
    private readonly T[] _items = items.ToArray();

    public int Count => _items.Length;

    public T this[int index] => _items[index];

    public bool Equals(IReadOnlyList<T>? other) => other is not null && this.SequenceEqual(other);

    public override bool Equals(object? obj) => obj is IReadOnlyList<T> other && Equals(other);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var item in _items)
        {
            hash.Add(item);
        }

        return hash.ToHashCode();
    }

    public IEnumerator<T> GetEnumerator() => ((IEnumerable<T>)_items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
