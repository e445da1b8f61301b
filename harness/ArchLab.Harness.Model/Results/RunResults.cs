namespace ArchLab.Harness.Model.Results;

/// <summary>
/// The <c>results.json</c> contract (design section 11). Field names are stable; a metric that does not
/// apply to an arm is null, never 0.
/// </summary>
public sealed record RunResults
{
    public const string SchemaV1 = "archlab.results/v1";

    public string Schema { get; init; } = SchemaV1;

    public required string Scenario { get; init; }

    public string? Profile { get; init; }

    public required DateTimeOffset StartedUtc { get; init; }

    public required int Seed { get; init; }

    /// <summary>True when the figures come from the simulator rather than real processes.</summary>
    public bool Simulated { get; init; }

    public required RunEnvironment Environment { get; init; }

    public required IReadOnlyList<ArmResult> Arms { get; init; }

    /// <summary>Whether every expectation of every arm held.</summary>
    public bool AllExpectationsPassed => Arms.All(a => a.Expectations.All(e => e.Passed));
}

/// <summary>Where the run happened.</summary>
public sealed record RunEnvironment(string Machine, int Cores, string Os, string Dotnet, string? NatsServer);
