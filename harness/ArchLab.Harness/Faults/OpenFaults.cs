namespace ArchLab.Harness.Faults;

/// <summary>The fault windows open right now, for the live view: the timeline adds a window when it opens and
/// removes it when it closes.</summary>
public sealed class OpenFaults
{
    private readonly Lock _gate = new();
    private readonly List<string> _open = [];

    public IReadOnlyList<string> Now
    {
        get
        {
            lock (_gate)
            {
                return [.. _open];
            }
        }
    }

    internal void Opened(string window)
    {
        lock (_gate)
        {
            _open.Add(window);
        }
    }

    internal void Closed(string window)
    {
        lock (_gate)
        {
            _open.Remove(window);
        }
    }
}
