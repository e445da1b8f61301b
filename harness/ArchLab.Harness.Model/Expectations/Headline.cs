using System.Text;
using System.Text.RegularExpressions;
using ArchLab.Harness.Model.Expectations.Language;
using ArchLab.Harness.Model.Results;

namespace ArchLab.Harness.Model.Expectations;

/// <summary>
/// A scenario's headline: one sentence with the figures that prove or refute its claim, written with placeholders
/// (<c>jetstream answers in {jetstream.accept.p50} where rest takes {rest.accept.p50}</c>) that hold a figure as an
/// expectation's side does: a metric of a named arm, or arithmetic of them. A bare metric is shown with its unit.
/// </summary>
public sealed partial class Headline
{
    private readonly IReadOnlyList<(string Literal, Operand? Figure)> _parts;

    private Headline(string template, IReadOnlyList<(string, Operand?)> parts)
    {
        Template = template;
        _parts = parts;
    }

    public string Template { get; }

    /// <summary>Reads <paramref name="template"/>; a placeholder that does not parse, or names no arm, throws.</summary>
    /// <exception cref="ExpectationSyntaxException">A placeholder is not a figure of a named arm; its column is in the template.</exception>
    public static Headline Parse(string template, IReadOnlyCollection<string> arms)
    {
        ArgumentNullException.ThrowIfNull(template);
        var parts = new List<(string, Operand?)>();
        var at = 0;
        foreach (Match match in Placeholder().Matches(template))
        {
            parts.Add((template[at..match.Index], null));
            var text = match.Groups[1].Value;
            Operand figure;
            try
            {
                figure = Parser.ParseOperand(text, arms);
            }
            catch (ExpectationSyntaxException e)
            {
                throw new ExpectationSyntaxException($"in {{{text}}}: {e.Reason}", match.Index + 1 + e.Column);
            }

            if (Unqualified(figure) is { } metric)
            {
                throw new ExpectationSyntaxException(
                    $"in {{{text}}}: '{metric}' names no arm; a headline speaks of several, so name it (e.g. '{arms.FirstOrDefault() ?? "rest"}.{metric}')", match.Index + 2);
            }

            parts.Add(("", figure));
            at = match.Index + match.Length;
        }

        parts.Add((template[at..], null));
        return new Headline(template, parts);
    }

    /// <summary>The sentence with each placeholder's value, <c>n/a</c> (and a note in <paramref name="missing"/>) where a figure has none.</summary>
    /// <param name="arms">The run's arms; a swept arm's name reads its last point, a simulated run's its twin.</param>
    public string Render(IReadOnlyList<ArmResult> arms, out IReadOnlyList<string> missing)
    {
        var metrics = new Dictionary<string, IArmMetrics>(StringComparer.Ordinal);
        foreach (var arm in arms)
        {
            metrics[arm.Name] = new ArmMetrics(arm);
            // A swept arm answers to its declared name with its last point; a simulated one to its name without ~sim.
            metrics[arm.Sweep?.Arm ?? arm.Name] = metrics[arm.Name];
            if (arm.Simulated && arm.Name.EndsWith("~sim", StringComparison.Ordinal))
            {
                metrics.TryAdd(arm.Name[..^4], metrics[arm.Name]);
            }
        }

        var text = new StringBuilder();
        var problems = new List<string>();
        foreach (var (literal, figure) in _parts)
        {
            text.Append(literal);
            if (figure is null)
            {
                continue;
            }

            var scope = new EvaluationScope(NoArm.Instance, name => metrics.GetValueOrDefault(name));
            if (figure.Evaluate(scope) is { } value && scope.Problem is null)
            {
                text.Append(Format(value)).Append(figure is MetricOperand m ? VerdictText.UnitOf(m.Metric) : "");
            }
            else
            {
                text.Append("n/a");
                problems.Add($"headline: {{{figure.Text}}} has no value: {scope.Problem ?? "no data"}");
            }
        }

        missing = problems;
        return text.ToString();
    }

    /// <summary>A figure as a sentence says it: three significant digits (4.26, 95.4, 22.4), whole numbers from 1000 and for counts.</summary>
    public static string Format(double value)
    {
        if (double.IsNaN(value) || double.IsInfinity(value))
        {
            return value.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        var abs = Math.Abs(value);
        var decimals = abs >= 100 || value == Math.Round(value) ? 0 : abs >= 10 ? 1 : abs >= 1 ? 2 : Math.Min(6, 2 - (int)Math.Floor(Math.Log10(abs)));
        return Math.Round(value, decimals, MidpointRounding.AwayFromZero).ToString(decimals == 0 ? "0" : "0." + new string('#', decimals), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static string? Unqualified(Operand operand) => operand switch
    {
        MetricOperand { Arm: null } metric => metric.Metric,
        NegatedOperand negated => Unqualified(negated.Inner),
        BinaryOperand binary => Unqualified(binary.Left) ?? Unqualified(binary.Right),
        _ => null,
    };

    [GeneratedRegex(@"\{([^{}]*)\}")]
    private static partial Regex Placeholder();

    // Every figure of a headline names its arm: there is no arm under test.
    private sealed class NoArm : IArmMetrics
    {
        public static NoArm Instance { get; } = new();

        public double? Value(string metric) => null;
    }
}
