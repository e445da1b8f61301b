namespace ArchLab.Contracts.Workflow;

/// <summary>The family of a step's service-time distribution.</summary>
public enum ServiceTimeKind
{
    /// <summary><c>fixed(d)</c>: always <c>d</c>.</summary>
    Fixed,

    /// <summary><c>exp(mean)</c>: exponential with the given mean.</summary>
    Exponential,

    /// <summary><c>lognormal(median, sigma)</c>: log-normal with the given median and shape.</summary>
    LogNormal,

    /// <summary><c>uniform(min, max)</c>: uniform between the two bounds.</summary>
    Uniform,
}

/// <summary>
/// A service-time distribution as written in a scenario: <c>fixed(5ms)</c>, <c>exp(2ms)</c>,
/// <c>lognormal(5ms, 0.5)</c>, <c>uniform(1ms, 9ms)</c>.
/// </summary>
/// <param name="Kind">The family.</param>
/// <param name="Scale">fixed: the value; exp: the mean; lognormal: the median; uniform: the minimum.</param>
/// <param name="Max">uniform: the maximum; unused otherwise.</param>
/// <param name="Sigma">lognormal: the shape (standard deviation of the log); unused otherwise.</param>
public sealed record ServiceTime(ServiceTimeKind Kind, TimeSpan Scale, TimeSpan Max = default, double Sigma = 0)
{
    /// <summary>No work at all.</summary>
    public static ServiceTime Zero { get; } = new(ServiceTimeKind.Fixed, TimeSpan.Zero);

    /// <summary>The mean of the distribution, for capacity estimates and the simulator.</summary>
    public TimeSpan Mean => Kind switch
    {
        ServiceTimeKind.Fixed or ServiceTimeKind.Exponential => Scale,
        ServiceTimeKind.LogNormal => Scale * Math.Exp(Sigma * Sigma / 2),
        ServiceTimeKind.Uniform => (Scale + Max) / 2,
        _ => throw new InvalidOperationException($"unknown service-time kind {Kind}"),
    };

    /// <summary>The scenario-file spelling, e.g. <c>exp(2ms)</c>.</summary>
    public override string ToString() => Kind switch
    {
        ServiceTimeKind.Fixed => $"fixed({Durations.Format(Scale)})",
        ServiceTimeKind.Exponential => $"exp({Durations.Format(Scale)})",
        ServiceTimeKind.LogNormal => $"lognormal({Durations.Format(Scale)}, {Sigma.ToString(System.Globalization.CultureInfo.InvariantCulture)})",
        ServiceTimeKind.Uniform => $"uniform({Durations.Format(Scale)}, {Durations.Format(Max)})",
        _ => Kind.ToString(),
    };
}
