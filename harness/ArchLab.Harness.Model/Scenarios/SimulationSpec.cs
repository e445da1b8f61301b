namespace ArchLab.Harness.Model.Scenarios;

/// <summary>
/// What a scenario says about its simulation: the headline figures the simulator does not model, each with the
/// reason, for every arm (<c>accept.p99</c>) or for one arm (<c>jetstream.accept.p99</c>). An agreement check of a
/// measured arm against its simulated twin leaves exactly those figures out and prints why.
/// </summary>
public sealed record SimulationSpec
{
    public static SimulationSpec Default { get; } = new();

    /// <summary>The headline figures a measured arm and its simulated twin are compared on.</summary>
    public static IReadOnlyList<string> Figures { get; } =
        ["accept.p50", "accept.p99", "completion.p50", "completion.p99", "lost", "expired", "deadLettered", "errors", "drainSec"];

    /// <summary>Reason per figure (every arm) or per <c>arm.figure</c>, in file order. Default: none.</summary>
    public IReadOnlyDictionary<string, string> Unmodelled { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// Why <paramref name="figure"/> of <paramref name="arm"/> is not modelled, or null when it is. A swept arm
    /// (<c>rest@8</c>) answers as its declared arm; the arm's own reason comes before the one for every arm.
    /// </summary>
    public string? WhyUnmodelled(string arm, string figure)
    {
        ArgumentNullException.ThrowIfNull(arm);
        var declared = arm.Split('@')[0];
        return Unmodelled.GetValueOrDefault($"{declared}.{figure}") ?? Unmodelled.GetValueOrDefault(figure);
    }

    public bool Equals(SimulationSpec? other) =>
        other is not null && Unmodelled.Count == other.Unmodelled.Count
        && Unmodelled.All(e => other.Unmodelled.TryGetValue(e.Key, out var why) && why == e.Value);

    public override int GetHashCode() => Unmodelled.Count;
}
