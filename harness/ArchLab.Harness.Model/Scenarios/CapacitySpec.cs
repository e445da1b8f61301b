namespace ArchLab.Harness.Model.Scenarios;

/// <summary>
/// <c>capacity:</c> how <c>archlab capacity</c> searches this scenario by default, and a sign that the suite runs the
/// search after the scenario and shows its curve: <c>{ from: 100/s, precision: 5%, curvePoints: 5, of: completion,
/// slo: "accept.p99 &lt; 50ms" }</c>. Every field may be left out; the command line overrides each.
/// </summary>
/// <param name="From">The first rate tried; null: the scenario's rate.</param>
/// <param name="Max">No rate above it is tried; null: 64 times the first.</param>
/// <param name="Of"><c>completion</c> or <c>accept</c>.</param>
/// <param name="Slo">The objective every window must hold, as written; null: none.</param>
public sealed record CapacitySpec(Rate? From, Rate? Max, double Precision, int CurvePoints, string Of, string? Slo)
{
    public static CapacitySpec Default { get; } = new(null, null, 0.05, 5, "completion", null);
}
