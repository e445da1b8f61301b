namespace ArchLab.Harness.Model.Semantics;

/// <summary>
/// The intervals of an arm's timeline: [i * <see cref="IntervalSec"/>, (i + 1) * <see cref="IntervalSec"/>) from the
/// intended start of the measured window. A short run is cut finer, so a two-second outage is twenty points rather
/// than two; a long one keeps whole seconds, so its results stay a readable size.
/// </summary>
/// <param name="IntervalSec">0.1 or 1.</param>
public sealed record TimelineGrid(double IntervalSec)
{
    /// <summary>The longest measured window that gets the fine intervals.</summary>
    public static readonly TimeSpan FineUpTo = TimeSpan.FromSeconds(60);

    public const double FineSec = 0.1;

    public static TimelineGrid Seconds { get; } = new(1);

    // Rounding in seconds / interval (0.3 / 0.1 = 2.9999999999999996) must not move a time to the interval before.
    private const double Slack = 1e-9;

    /// <summary>The grid of a run whose measured window lasts <paramref name="measured"/>.</summary>
    public static TimelineGrid For(TimeSpan measured) => measured <= FineUpTo ? new(FineSec) : Seconds;

    /// <summary>Intervals per second (10 or 1).</summary>
    public int PerSecond => (int)Math.Round(1 / IntervalSec);

    public TimeSpan Interval => TimeSpan.FromSeconds(IntervalSec);

    /// <summary>
    /// How often the broker's backlog is read: every interval, but no more often than needed for a second (twice).
    /// The simulator reads its backlog where the last of these reads falls in an interval on average.
    /// </summary>
    public TimeSpan BacklogSamplePeriod => TimeSpan.FromSeconds(Math.Min(IntervalSec, 0.5));

    /// <summary>The interval <paramref name="seconds"/> falls in (negative before the measured start).</summary>
    public int IndexOf(double seconds) => (int)Math.Floor((seconds / IntervalSec) + Slack);

    /// <summary>Seconds from the measured start to the start of interval <paramref name="index"/>, rounded to the millisecond.</summary>
    public double StartOf(int index) => Math.Round(index * IntervalSec, 3);

    /// <summary>Intervals needed to cover <paramref name="seconds"/>, a partial last one included.</summary>
    public int CountFor(double seconds) => Math.Max(0, (int)Math.Ceiling((seconds / IntervalSec) - Slack));
}
