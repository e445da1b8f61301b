namespace ArchLab.Harness.Model.Expectations;

/// <summary>The metrics of one arm, by the names of <see cref="MetricNames"/>.</summary>
public interface IArmMetrics
{
    /// <summary>The value of a known metric; null when it does not apply to the arm.</summary>
    double? Value(string metric);
}
