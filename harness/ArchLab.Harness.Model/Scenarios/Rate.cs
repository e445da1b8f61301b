namespace ArchLab.Harness.Model.Scenarios;

/// <summary>A rate of events, written with a unit in scenario files: <c>200/s</c>, <c>12000/m</c>.</summary>
public readonly record struct Rate(double PerSec)
{
    /// <summary>
    /// The highest rate a scenario may ask for: ten times what one machine's load engine sends at its best. A higher
    /// one is a typo, and it made the engine spend its time and memory on a schedule it could never keep.
    /// </summary>
    public static readonly Rate Max = new(1_000_000);

    public static Rate PerSecond(double value) => new(value);

    /// <summary>Time between two events at this rate.</summary>
    public TimeSpan Interval => TimeSpan.FromSeconds(1 / PerSec);

    public Rate Times(double factor) => new(PerSec * factor);

    public override string ToString() =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{PerSec:0.###}/s");
}
