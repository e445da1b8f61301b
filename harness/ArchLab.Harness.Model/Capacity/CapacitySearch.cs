namespace ArchLab.Harness.Model.Capacity;

/// <summary>
/// The highest offered rate an arm sustains, found with a bounded number of measured windows: from the start rate it
/// doubles until a window breaks (or halves until one holds), then narrows the bracket between the highest rate held
/// and the lowest broken until they are within <see cref="Precision"/> of each other. Each window is the open model's:
/// the rate is offered whatever the arm does, so a rate it cannot carry shows as a shortfall, a growing backlog or
/// errors.
/// </summary>
/// <remarks>
/// A window that broke without errors says more than "too much": an arm past its capacity that fails nothing carries
/// its service rate (a saturated queue completes at the rate its servers work), so the next window tries just under
/// what it carried, and after that holds (or when it carried no more than a rate held already), one precision above. Where the arm failed orders its carried rate is no
/// such measure (timed-out calls still took the servers' time, so REST past its knee completes less than it could),
/// and the search bisects. A guess that misses costs one window; the bracket still only narrows.
/// </remarks>
public sealed class CapacitySearch
{
    private readonly List<Step> _steps = [];
    private readonly double _start;
    private readonly double _max;
    private double? _guessed;

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
    public IReadOnlyList<(double Rate, IReadOnlyList<string> Broken)> Steps => [.. _steps.Select(s => (s.Rate, s.Broken))];

    /// <summary>The highest rate held; null while none has.</summary>
    public double? Found => _steps.Where(s => s.Broken.Count == 0).Select(s => (double?)s.Rate).Max();

    /// <summary>The lowest rate broken above <see cref="Found"/>, and why; null while none has, or when the search reached its maximum.</summary>
    public (double Rate, IReadOnlyList<string> Broken)? Above => _steps.Where(s => s.Broken.Count > 0 && (Found is not { } held || s.Rate > held))
        .OrderBy(s => s.Rate).Select(s => ((double, IReadOnlyList<string>)?)(s.Rate, s.Broken)).FirstOrDefault();

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
        var last = _steps[^1];
        return (held, broken) switch
        {
            // Nothing held yet: just under what the arm carried, else halve, within reason.
            (null, { } low) => Guess(last, 0, low) ?? (low / 2 >= _start / 1024 ? low / 2 : null),
            ({ } high, null) => high >= _max ? null : Math.Min(_max, high * 2),
            ({ } high, { } low) => (low - high) / high <= Precision ? null : Guess(last, high, low) ?? Narrow(last, high, low),
            _ => null,
        };
    }

    /// <summary>What the window at <paramref name="rate"/> broke (empty: it held).</summary>
    /// <param name="carried">The rate the arm completed in a window that broke without errors (<see cref="CapacityWindow.Carried"/>); null: not known or not a measure of capacity.</param>
    public void Record(double rate, IReadOnlyList<string> broken, double? carried = null) =>
        _steps.Add(new Step(rate, broken, broken.Count > 0 ? carried : null, _guessed == rate));

    /// <summary>Just under what a saturated arm carried, when that lies inside the bracket.</summary>
    private double? Guess(Step last, double high, double low)
    {
        if (last.Broken.Count > 0 && last.Carried is { } carried && carried * (1 - CapacityWindow.CompletedShortfall) is var guess && guess > high && guess < low)
        {
            _guessed = guess;
            return guess;
        }

        return null;
    }

    /// <summary>
    /// Bisect; but look one precision above the rate held first where the capacity most likely is just there: after a
    /// guess held, or when a saturated arm carried no more than the rate held.
    /// </summary>
    private double Narrow(Step last, double high, double low)
    {
        var middle = (high + low) / 2;
        var nearHigh = (last.Guess && last.Broken.Count == 0) || (last.Carried is { } carried && carried * (1 - CapacityWindow.CompletedShortfall) <= high);
        return nearHigh ? Math.Min(middle, high * (1 + Precision)) : middle;
    }

    private sealed record Step(double Rate, IReadOnlyList<string> Broken, double? Carried, bool Guess);
}
