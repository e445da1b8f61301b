namespace ArchLab.Harness.Model.Capacity;

/// <summary>
/// The highest offered rate an arm sustains, found with a bounded number of measured windows: from the start rate it
/// doubles until a window breaks (or halves until one holds), then bisects between the highest rate held and the lowest
/// broken until they are within <see cref="Precision"/> of each other. Each window is the open model's: the rate is
/// offered whatever the arm does, so a rate it cannot carry shows as a shortfall, a growing backlog or errors.
/// </summary>
public sealed class CapacitySearch
{
    private readonly List<(double Rate, IReadOnlyList<string> Broken)> _steps = [];
    private readonly double _start;
    private readonly double _max;

    /// <param name="start">The first rate tried (the scenario's rate).</param>
    /// <param name="max">No rate above this is tried (a found rate equal to it means "at least").</param>
    /// <param name="precision">The search ends when the broken rate is within this share above the held one. Default: 5%.</param>
    /// <param name="maxSteps">Windows at most. Default: 16 (from a start 1,000 times below the capacity, 11 doublings and 5 bisections).</param>
    public CapacitySearch(double start, double max, double precision = 0.05, int maxSteps = 16)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(start);
        ArgumentOutOfRangeException.ThrowIfLessThan(max, start);
        _start = start;
        _max = max;
        Precision = precision;
        MaxSteps = maxSteps;
    }

    public double Precision { get; }

    public int MaxSteps { get; }

    /// <summary>Every window so far: its rate, and what it broke (empty: held).</summary>
    public IReadOnlyList<(double Rate, IReadOnlyList<string> Broken)> Steps => _steps;

    /// <summary>The highest rate held; null while none has.</summary>
    public double? Found => _steps.Where(s => s.Broken.Count == 0).Select(s => (double?)s.Rate).Max();

    /// <summary>The lowest rate broken above <see cref="Found"/>, and why; null while none has, or when the search reached its maximum.</summary>
    public (double Rate, IReadOnlyList<string> Broken)? Above => _steps.Where(s => s.Broken.Count > 0 && (Found is not { } held || s.Rate > held))
        .OrderBy(s => s.Rate).Select(s => ((double, IReadOnlyList<string>)?)s).FirstOrDefault();

    /// <summary>The next rate to try; null when the search is done.</summary>
    public double? Next()
    {
        if (_steps.Count >= MaxSteps)
        {
            return null;
        }

        if (_steps.Count == 0)
        {
            return _start;
        }

        var held = Found;
        var broken = Above?.Rate;
        return (held, broken) switch
        {
            (null, { } low) => low / 2 >= _start / 1024 ? low / 2 : null, // nothing held yet: halve, within reason
            ({ } high, null) => high >= _max ? null : Math.Min(_max, high * 2),
            ({ } high, { } low) => (low - high) / high <= Precision ? null : (high + low) / 2,
            _ => null,
        };
    }

    /// <summary>What the window at <paramref name="rate"/> broke (empty: it held).</summary>
    public void Record(double rate, IReadOnlyList<string> broken) => _steps.Add((rate, broken));
}
