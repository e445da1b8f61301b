namespace ArchLab.Harness.Devices;

/// <summary>An order a page showed, and when, in milliseconds since the Unix epoch by the page's clock.</summary>
public readonly record struct ShownUpdate(string OrderId, double AtMs);

/// <summary>What one page reported over the arm: the updates it showed, the requests it sent, its connection's events.</summary>
public sealed class PageLog
{
    private readonly object _gate = new();
    private readonly List<ShownUpdate> _shown = [];
    private readonly List<double> _requests = [];
    private readonly List<(string What, double AtMs)> _events = [];

    public int Page { get; init; }

    public void Add(IEnumerable<ShownUpdate> shown, IEnumerable<double> requests, IEnumerable<(string What, double AtMs)> events)
    {
        lock (_gate)
        {
            _shown.AddRange(shown);
            _requests.AddRange(requests);
            _events.AddRange(events);
        }
    }

    public int ShownCount
    {
        get
        {
            lock (_gate)
            {
                return _shown.Count;
            }
        }
    }

    /// <summary>A copy of what the page reported so far.</summary>
    public (IReadOnlyList<ShownUpdate> Shown, IReadOnlyList<double> Requests, IReadOnlyList<(string What, double AtMs)> Events) Snapshot()
    {
        lock (_gate)
        {
            return ([.. _shown], [.. _requests], [.. _events]);
        }
    }
}
