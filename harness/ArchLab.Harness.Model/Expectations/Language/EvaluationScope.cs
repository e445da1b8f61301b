namespace ArchLab.Harness.Model.Expectations.Language;

/// <summary>
/// Where an expectation reads its metrics, and the first reason a value was missing: a metric that
/// does not apply (null) or an arm that did not run.
/// </summary>
internal sealed class EvaluationScope(IArmMetrics self, Func<string, IArmMetrics?> arm)
{
    public string? Problem { get; private set; }

    public double? Read(string? armName, string metric, string text)
    {
        var metrics = armName is null ? self : arm(armName);
        if (metrics is null)
        {
            Fail($"arm '{armName}' is not part of this run (left out with --arms?), so {text} has no value");
            return null;
        }

        var value = metrics.Value(metric);
        if (value is null)
        {
            Fail($"{Expectation.NoData}: {text} has no value (it does not apply to this arm, or the arm sent nothing)");
        }

        return value;
    }

    private void Fail(string problem) => Problem ??= problem;
}
