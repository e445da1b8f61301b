namespace ArchLab.Harness.Model.Scenarios;

/// <summary>
/// A parameter a scenario runs at several values (<c>sweep: { receivers: [1, 2, 4, 8, 16] }</c>): every arm runs
/// once per value, as <c>&lt;arm&gt;@&lt;value&gt;</c>, and the report draws each metric against the value.
/// </summary>
/// <param name="Parameter">What is swept; <see cref="Receivers"/> is the one parameter this version sweeps.</param>
/// <param name="Values">The values, in the order they run.</param>
public sealed record SweepSpec(string Parameter, IReadOnlyList<int> Values)
{
    /// <summary>The fan-out receivers of the workflow.</summary>
    public const string Receivers = "receivers";

    /// <summary>The name of an arm at one value of the sweep.</summary>
    public static string ArmName(string arm, int value) => $"{arm}@{value}";
}

/// <summary>Where an arm sits in a sweep: the declared arm it comes from, the swept parameter and its value here.</summary>
public sealed record SweepPoint(string Arm, string Parameter, int Value);
