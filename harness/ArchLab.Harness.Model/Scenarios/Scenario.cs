using ArchLab.Contracts.Workflow;
using ArchLab.Harness.Model.Expectations;

namespace ArchLab.Harness.Model.Scenarios;

/// <summary>
/// One scenario after loading: a claim, the workflow it runs, the arms it compares, the load every arm
/// gets, the fault timeline and the expectations that show the claim. Immutable; vary it with <c>with</c>.
/// </summary>
public sealed record Scenario
{
    /// <summary>Short identifier, also the file name without <c>.yaml</c>.</summary>
    public required string Name { get; init; }

    /// <summary>One line for people: what happens in this run.</summary>
    public required string Title { get; init; }

    /// <summary>The trade-off the scenario tests, in a sentence or two.</summary>
    public required string Claim { get; init; }

    /// <summary>What to look at in the results to see the claim.</summary>
    public required string Watch { get; init; }

    /// <summary>The sentence with the figures that prove or refute the claim, and its chart; null: none written.</summary>
    public HeadlineSpec? Headline { get; init; }

    /// <summary>What a workshop asks the room to predict before the run; null: none written.</summary>
    public QuestionSpec? Question { get; init; }

    /// <summary>The seed when the file sets none.</summary>
    public const int DefaultSeed = 1;

    /// <summary>Seed of every random choice in the run (arrivals, service times). Default: 1.</summary>
    public int Seed { get; init; } = DefaultSeed;

    /// <summary>The workflow's parameters. Default in files: <see cref="WorkflowSpec.Default"/>.</summary>
    public required WorkflowSpec Workflow { get; init; }

    /// <summary>The arms, in file order. Every arm gets identical load and fault timing.</summary>
    public required IReadOnlyList<ArmSpec> Arms { get; init; }

    /// <summary>A parameter every arm runs at several values; null: each arm runs once. Default: none.</summary>
    public SweepSpec? Sweep { get; init; }

    /// <summary>
    /// The arms as they run: the declared ones, or with a sweep each declared arm once per value (all arms at the
    /// first value, then at the next), named <c>&lt;arm&gt;@&lt;value&gt;</c>.
    /// </summary>
    public IReadOnlyList<ArmSpec> RunArms() => Sweep is not { } sweep
        ? Arms
        : [.. sweep.Values.SelectMany(value => Arms.Select(arm => arm with
        {
            Name = SweepSpec.ArmName(arm.Name, value),
            Receivers = value,
            Sweep = new SweepPoint(arm.Name, sweep.Parameter, value),
        }))];

    /// <summary>
    /// A role's seed for its service times: stable across runs and processes (string hash codes are not), the same
    /// in every arm, and the one the simulator draws a role's times from.
    /// </summary>
    public int SeedOf(string role) => (int)(((uint)Seed * 31u) + ((uint)Roles.Ordinal(role) * 7919u)) & int.MaxValue;

    /// <summary>The fan-out receivers of an arm: its sweep value, else the workflow's.</summary>
    public int ReceiversOf(ArmSpec arm) => arm.Receivers ?? Workflow.Receivers;

    /// <summary>A role's cost in an arm: the arm's own <c>steps</c> first, then the workflow's; every receiver costs what <c>notify</c> does.</summary>
    public StepCost CostOf(ArmSpec arm, string role)
    {
        ArgumentNullException.ThrowIfNull(arm);
        var key = Roles.IsReceiver(role) ? Roles.Notify : role;
        return arm.Steps is { } own && own.TryGetValue(key, out var cost) ? cost : Workflow.CostOf(role);
    }

    /// <summary>The load. Default in files: a <c>new LoadSpec()</c>, see its fields.</summary>
    public required LoadSpec Load { get; init; }

    /// <summary>The capacity search's defaults (<c>archlab capacity</c>), and the suite's sign to run it; null: none written.</summary>
    public CapacitySpec? Capacity { get; init; }

    /// <summary>The fault timeline; times are relative to the start of the measured window. Default: none.</summary>
    public IReadOnlyList<FaultSpec> Faults { get; init; } = [];

    /// <summary>Expectations per arm name, in file order. Default: none.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<Expectation>> Expect { get; init; } =
        new Dictionary<string, IReadOnlyList<Expectation>>();

    /// <summary>What the scenario says about its simulation (figures not modelled, and why). Default: nothing.</summary>
    public SimulationSpec Simulation { get; init; } = SimulationSpec.Default;

    /// <summary>Names of the profiles the file declares.</summary>
    public IReadOnlyList<string> Profiles { get; init; } = [];

    /// <summary>The profile applied to this instance, if any.</summary>
    public string? Profile { get; init; }

    /// <summary>The file it was read from, if it came from a file.</summary>
    public string? SourcePath { get; init; }

    /// <summary>
    /// The effective scenario (profile and overrides applied, <c>profiles:</c> left out) as YAML, saved with
    /// every run; loading it again gives an equal scenario (but for <see cref="Profile"/>, <see cref="Profiles"/>
    /// and <see cref="SourcePath"/>, which say where it came from).
    /// </summary>
    public string EffectiveYaml { get; init; } = "";
}
