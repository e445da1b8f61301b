namespace ArchLab.Harness.Model.Scenarios;

/// <summary>A rate of events, written with a unit in scenario files: <c>200/s</c>, <c>12000/m</c>.</summary>
public readonly record struct Rate(double PerSec)
{
    public static Rate PerSecond(double value) => new(value);

    /// <summary>Time between two events at this rate.</summary>
    public TimeSpan Interval => TimeSpan.FromSeconds(1 / PerSec);

    public Rate Times(double factor) => new(PerSec * factor);

    public override string ToString() =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{PerSec:0.###}/s");
}
