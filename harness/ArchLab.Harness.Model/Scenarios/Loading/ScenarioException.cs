namespace ArchLab.Harness.Model.Scenarios.Loading;

/// <summary>A scenario that cannot be loaded; <see cref="Errors"/> has every problem found, in file order.</summary>
public sealed class ScenarioException : Exception
{
    public ScenarioException()
        : this([])
    {
    }

    public ScenarioException(string message)
        : this([new ScenarioError("", 0, 0, "", message)])
    {
    }

    public ScenarioException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [new ScenarioError("", 0, 0, "", message)];
    }

    public ScenarioException(IReadOnlyList<ScenarioError> errors)
        : base(Describe(errors))
    {
        Errors = errors;
    }

    public IReadOnlyList<ScenarioError> Errors { get; }

    private static string Describe(IReadOnlyList<ScenarioError> errors) => errors.Count switch
    {
        0 => "the scenario is not valid",
        1 => $"the scenario is not valid:{Environment.NewLine}{errors[0]}",
        _ => $"the scenario is not valid ({errors.Count} errors):{Environment.NewLine}{string.Join(Environment.NewLine, errors)}",
    };
}
