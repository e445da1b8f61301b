namespace ArchLab.Harness.Model.Results;

/// <summary>
/// The <c>results.json</c> contract, field by field in docs/results.md and checked by docs/results.schema.json (a
/// field added here goes into both). Field names are stable; a metric that does not apply to an arm is null, never 0.
/// </summary>
public sealed record RunResults
{
    public const string SchemaV1 = "archlab.results/v1";

    public string Schema { get; init; } = SchemaV1;

    public required string Scenario { get; init; }

    public string? Profile { get; init; }

    /// <summary>The scenario's title, for the top of a report; null in results written before it was recorded.</summary>
    public string? Title { get; init; }

    /// <summary>What the scenario sets out to show, in one or two sentences; null in older results.</summary>
    public string? Claim { get; init; }

    /// <summary>What the reader should look at in the figures to see the claim; null in older results.</summary>
    public string? Watch { get; init; }

    public required DateTimeOffset StartedUtc { get; init; }

    public required int Seed { get; init; }

    /// <summary>True when the figures come from the simulator rather than real processes.</summary>
    public bool Simulated { get; init; }

    public required RunEnvironment Environment { get; init; }

    public required IReadOnlyList<ArmResult> Arms { get; init; }

    /// <summary>
    /// Why the run did not finish, when it did not: interrupted (Ctrl-C, SIGTERM) or failed. Its arms are those that
    /// finished, and the arm it stopped in when that arm's load had begun (marked <see cref="ArmResult.Interrupted"/>).
    /// Null for a complete run.
    /// </summary>
    public string? Interrupted { get; init; }

    /// <summary>Arms of the scenario this run did not run, each with the reason (a broker feature this machine's server lacks); empty when it ran them all.</summary>
    public IReadOnlyList<ArmNotRun> NotRun { get; init; } = [];

    /// <summary>
    /// A <c>run --with-sim</c>'s measured arms against their simulated twins, figure by figure
    /// (<see cref="Agreement.SimulationAgreement"/>); null for any other run.
    /// </summary>
    public IReadOnlyList<Agreement.FigureAgreement>? Agreement { get; init; }

    /// <summary>
    /// The scenario's headline with this run's figures, its chart, and whether the run holds (every deciding arm's
    /// expectations, load and books); null when the scenario has no headline.
    /// </summary>
    public RunHeadline? Headline { get; init; }

    /// <summary>These results with the scenario's headline written with their figures (evaluate the expectations first).</summary>
    public RunResults WithHeadline(Scenarios.HeadlineSpec? spec) => spec is null
        ? this
        : this with { Headline = new RunHeadline(spec.Sentence.Render(DecidingArms(), out _), spec.Chart, Holds()) };

    /// <summary>The results of a run of <paramref name="scenario"/>: its name, profile, texts and seed, with the arms given.</summary>
    public static RunResults Of(Scenarios.Scenario scenario, DateTimeOffset startedUtc, RunEnvironment environment, IReadOnlyList<ArmResult> arms) => new()
    {
        Scenario = scenario.Name,
        Profile = scenario.Profile,
        Title = scenario.Title,
        Claim = scenario.Claim,
        Watch = scenario.Watch,
        StartedUtc = startedUtc,
        Seed = scenario.Seed,
        Environment = environment,
        Arms = arms,
    };

    /// <summary>Whether the run finished and every expectation of every arm held: an interrupted run's judged part of a load.</summary>
    public bool AllExpectationsPassed => Interrupted is null && Arms.All(a => a.Expectations.All(e => e.Passed));

    /// <summary>
    /// The arms whose expectations and books decide a run: the measured ones, or every arm of a simulated run. The
    /// simulated twins of a <c>--with-sim</c> run are shown with their verdicts but do not decide: the measured run is
    /// the truth, and how far the simulator follows it is the agreement's to say.
    /// </summary>
    public IReadOnlyList<ArmResult> DecidingArms() => Arms.Any(a => !a.Simulated) ? [.. Arms.Where(a => !a.Simulated)] : Arms;

    /// <summary>Whether the run finished and every deciding arm got the load that was asked for, held its expectations, and its books add up.</summary>
    public bool Holds() => Interrupted is null && DecidingArms().All(a => a.Load?.Shortfall is null && a.Expectations.All(e => e.Passed) && a.Accounting?.AddsUp != false);
}

/// <summary>A scenario's headline as a run wrote it.</summary>
/// <param name="Text">The sentence, each figure with this run's value (<c>n/a</c> where it has none).</param>
/// <param name="Chart">The report chart that shows it (its name, e.g. <c>bars-accept</c>).</param>
/// <param name="Holds">Whether the run held: every deciding arm met its expectations, got its load, and its books add up.</param>
public sealed record RunHeadline(string Text, string Chart, bool Holds);

/// <summary>Where the run happened.</summary>
public sealed record RunEnvironment(string Machine, int Cores, string Os, string Dotnet, string? NatsServer)
{
    /// <summary>The run's RabbitMQ node, when an arm started one.</summary>
    public RabbitNodeFigures? RabbitMq { get; init; }
}

/// <summary>The run's RabbitMQ node: its version, and how long it took from its process's start to a first AMQP connection.</summary>
public sealed record RabbitNodeFigures(string? Version, double StartupSec);

/// <summary>An arm the run did not run, and why.</summary>
public sealed record ArmNotRun(string Arm, string Style, string Reason);
