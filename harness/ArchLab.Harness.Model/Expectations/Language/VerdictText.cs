using System.Globalization;

namespace ArchLab.Harness.Model.Expectations.Language;

/// <summary>
/// The <c>actual</c> text of a verdict: each side that is not a plain number with its value, e.g.
/// <c>accept.p99 = 3.2 ms, 0.2 * rest.accept.p99 = 9.8</c>.
/// </summary>
internal static class VerdictText
{
    public static string Describe(ParsedExpectation parsed, double left, double right)
    {
        var sides = new List<string>();
        if (parsed.Left is not NumberOperand)
        {
            sides.Add(Side(parsed.Left, left));
        }

        if (parsed.Right is not NumberOperand)
        {
            sides.Add(Side(parsed.Right, right));
        }

        // Both sides constant: still say what was compared.
        var text = sides.Count > 0 ? string.Join(", ", sides) : $"{Format(left)} {parsed.ComparisonText} {Format(right)}";
        // A tolerance is read as a share of the right side: say how far off the left one is.
        return parsed.Comparison == Comparison.Within && right != 0
            ? $"{text} ({((left / right) - 1).ToString("+0.0%;-0.0%;0.0%", CultureInfo.InvariantCulture)})"
            : text;
    }

    private static string Side(Operand operand, double value)
    {
        var unit = operand is MetricOperand metric ? UnitOf(metric.Metric) : "";
        return $"{operand.Text} = {Format(value)}{unit}";
    }

    // The unit a bare metric is shown with; computed sides have no unit, as their unit is the reader's call.
    internal static string UnitOf(string metric)
    {
        var dot = metric.IndexOf('.', StringComparison.Ordinal);
        if (MetricNames.Theory.Contains(metric))
        {
            return " ms";
        }

        if (dot > 0 && MetricNames.Latencies.Contains(metric[..dot]))
        {
            return metric.EndsWith(".count", StringComparison.Ordinal) ? "" : " ms";
        }

        return metric switch
        {
            _ when MetricNames.Throughput.Contains(metric) => " /s",
            "timeToRecoverSec" or "drainSec" or "cpuSec" => " s",
            "peakRssMb" => " MB",
            "cpuMsPerOrder" or "stepGapP50" or "stepGapP99" or "staleWindowP50" or "staleWindowP99" or "deviceDelayP50" or "deviceDelayP99" => " ms",
            _ => "",
        };
    }

    internal static string Format(double value)
    {
        if (double.IsNaN(value) || double.IsInfinity(value))
        {
            return value.ToString(CultureInfo.InvariantCulture);
        }

        // Three decimals read well for milliseconds and counts; tiny values keep their significant digits.
        var abs = Math.Abs(value);
        return abs is 0 or >= 0.001
            ? value.ToString("0.###", CultureInfo.InvariantCulture)
            : value.ToString("G4", CultureInfo.InvariantCulture);
    }
}
