using YamlDotNet.RepresentationModel;

namespace ArchLab.Harness.Model.Scenarios.Loading;

/// <summary>Getters with a lower bound other than zero, and lists of values.</summary>
internal sealed partial class Fields
{
    /// <summary>A duration of at least <paramref name="min"/>; <paramref name="why"/> says where the bound comes from.</summary>
    public TimeSpan? Duration(string name, TimeSpan min, string why)
    {
        var value = Duration(name, positive: true);
        return value < min ? OutOfRange<TimeSpan>(name, $"a duration >= {Contracts.Workflow.Durations.Format(min)} ({why})") : value;
    }

    /// <summary>A percentage above zero: a ratio of nothing would never trigger.</summary>
    public double? PositiveFraction(string name)
    {
        var value = Fraction(name);
        return value == 0 ? OutOfRange<double>(name, "a percentage > 0%") : value;
    }

    /// <summary>A list of durations above zero; null when absent or wrong (and then reported).</summary>
    public IReadOnlyList<TimeSpan>? DurationList(string name, string example)
    {
        var node = Value(name);
        if (node is null)
        {
            return null;
        }

        if (node is not YamlSequenceNode list)
        {
            Problems.At(node, PathOf(name), $"expected a list of durations such as {example}, got {Nodes.Describe(node)}");
            return null;
        }

        var values = new List<TimeSpan>();
        var ok = true;
        for (var i = 0; i < list.Children.Count; i++)
        {
            var path = Nodes.Item(PathOf(name), i);
            var item = list.Children[i];
            if (Nodes.Scalar(item, path, Units.DurationExpected, Problems) is not { } text)
            {
                ok = false;
            }
            else if (!Units.TryParseDuration(text, out var value, out var error))
            {
                Problems.At(item, path, error);
                ok = false;
            }
            else if (value <= TimeSpan.Zero)
            {
                Problems.At(item, path, $"expected a duration > 0, got {Nodes.Describe(item)}");
                ok = false;
            }
            else
            {
                values.Add(value);
            }
        }

        return ok ? new ValueList<TimeSpan>(values) : null;
    }

    /// <summary>A non-empty list of distinct integers from <paramref name="min"/> to <paramref name="max"/>; null when absent or wrong (and then reported).</summary>
    public IReadOnlyList<int>? IntegerList(string name, int min, int max, string example)
    {
        var node = Value(name);
        if (node is null)
        {
            return null;
        }

        var expected = $"a list of distinct whole numbers from {min} to {max}, such as {example}";
        if (node is not YamlSequenceNode { Children.Count: > 0 } list)
        {
            Problems.At(node, PathOf(name), $"expected {expected}, got {Nodes.Describe(node)}");
            return null;
        }

        var values = new List<int>();
        var ok = true;
        for (var i = 0; i < list.Children.Count; i++)
        {
            var path = Nodes.Item(PathOf(name), i);
            var item = list.Children[i];
            if (Nodes.Scalar(item, path, expected, Problems) is not { } text)
            {
                ok = false;
            }
            else if (!int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value) ||
                     value < min || value > max || values.Contains(value))
            {
                Problems.At(item, path, $"expected {expected}, got {Nodes.Describe(item)}");
                ok = false;
            }
            else
            {
                values.Add(value);
            }
        }

        return ok ? new ValueList<int>(values) : null;
    }

    /// <summary>Reports a problem with the value of a field (at the value, as the typed getters do).</summary>
    public void Wrong(string name, string message) => Problems.At(Value(name) ?? Node, PathOf(name), message);
}
