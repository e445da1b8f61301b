namespace ArchLab.Simulation.Workflow;

/// <summary>A growable array of structs addressed by index, returned by reference: rows without an object each.</summary>
internal sealed class Table<T>
    where T : struct
{
    private T[] _rows = new T[1024];

    public int Count { get; private set; }

    public ref T this[int index] => ref _rows[index];

    public int Add(in T row)
    {
        if (Count == _rows.Length)
        {
            Array.Resize(ref _rows, Count * 2);
        }

        _rows[Count] = row;
        return Count++;
    }
}
