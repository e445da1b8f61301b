using System.Runtime.CompilerServices;

namespace ArchLab.Simulation.Engine;

/// <summary>One pending event: when, in which order among equal times, for whom, and what.</summary>
internal struct PendingEvent
{
    public double Time;
    public long Sequence;
    public int Handler;
    public int Kind;
    public int A;
    public int B;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly bool Before(in PendingEvent other) =>
        Time < other.Time || (Time == other.Time && Sequence < other.Sequence);
}

/// <summary>
/// A 4-ary min-heap of structs keyed by (time, insertion sequence). Ties go to the event scheduled first, so a run
/// never depends on the heap's internal order. Four children per node halve the depth of a binary heap and keep a
/// node's children on one or two cache lines.
/// </summary>
internal sealed class EventQueue
{
    private PendingEvent[] _items = new PendingEvent[1024];

    public int Count { get; private set; }

    public void Push(in PendingEvent item)
    {
        if (Count == _items.Length)
        {
            Array.Resize(ref _items, _items.Length * 2);
        }

        var i = Count++;
        var items = _items;
        while (i > 0)
        {
            var parent = (i - 1) >> 2;
            if (!item.Before(items[parent]))
            {
                break;
            }

            items[i] = items[parent];
            i = parent;
        }

        items[i] = item;
    }

    public ref readonly PendingEvent Peek() => ref _items[0];

    public PendingEvent Pop()
    {
        var items = _items;
        var top = items[0];
        var last = items[--Count];
        var n = Count;
        var i = 0;
        while (true)
        {
            var first = (i << 2) + 1;
            if (first >= n)
            {
                break;
            }

            var best = first;
            var end = Math.Min(first + 4, n);
            for (var c = first + 1; c < end; c++)
            {
                if (items[c].Before(items[best]))
                {
                    best = c;
                }
            }

            if (!items[best].Before(last))
            {
                break;
            }

            items[i] = items[best];
            i = best;
        }

        if (n > 0)
        {
            items[i] = last;
        }

        return top;
    }
}
