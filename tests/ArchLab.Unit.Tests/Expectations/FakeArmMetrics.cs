using ArchLab.Harness.Model.Expectations;

namespace ArchLab.Unit.Tests.Expectations;

/// <summary>An arm's metrics from a table; a metric listed with null does not apply, one not listed is 0.</summary>
internal sealed class FakeArmMetrics(params (string Metric, double? Value)[] values) : IArmMetrics
{
    public double? Value(string metric)
    {
        foreach (var (name, value) in values)
        {
            if (name == metric)
            {
                return value;
            }
        }

        return 0;
    }
}
