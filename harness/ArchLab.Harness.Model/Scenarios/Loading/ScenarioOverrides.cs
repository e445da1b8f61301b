namespace ArchLab.Harness.Model.Scenarios.Loading;

/// <summary>
/// What the command line changes in a scenario file, applied to the YAML tree before it is read, in this
/// order: <see cref="Profile"/>, <see cref="Rate"/>, <see cref="Duration"/>, each of <see cref="Set"/>, <see cref="Faults"/>,
/// <see cref="Arms"/>, <see cref="Seed"/>. Every value is validated like the file itself.
/// </summary>
/// <param name="Profile">A profile the file declares under <c>profiles:</c>, deep-merged over the base.</param>
/// <param name="Arms">The arms to run, in this order; the others and their expectations are left out.</param>
/// <param name="Rate">Replaces <c>load.rate</c>, e.g. <c>500/s</c>.</param>
/// <param name="Duration">Replaces <c>load.duration</c>, e.g. <c>30s</c>.</param>
/// <param name="Set"><c>dotted.path=value</c> items, e.g. <c>workflow.steps.payment.workers=2</c> or <c>faults[0].at=3s</c>.</param>
/// <param name="Seed">Replaces <c>seed</c>.</param>
/// <param name="Faults">Faults added to the timeline, written <c>at=5s,for=3s,pause=payment</c> (the fields of a fault, <c>=</c> for <c>:</c>).</param>
public sealed record ScenarioOverrides(
    string? Profile = null,
    IReadOnlyList<string>? Arms = null,
    string? Rate = null,
    string? Duration = null,
    IReadOnlyList<string>? Set = null,
    int? Seed = null,
    IReadOnlyList<string>? Faults = null)
{
    /// <summary>No overrides.</summary>
    public static ScenarioOverrides None { get; } = new();
}
