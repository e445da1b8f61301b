using System.Diagnostics.CodeAnalysis;
using ArchLab.Contracts.Workflow;
using ArchLab.Harness.Model.Expectations;

namespace ArchLab.Harness.Model.Scenarios.Loading;

/// <summary>A unit parser of <see cref="Units"/>.</summary>
internal delegate bool UnitParser<T>(string text, out T value, [NotNullWhen(false)] out string? error);

/// <summary>Typed getters: null when the field is absent or its value is wrong (and then reported).</summary>
internal sealed partial class Fields
{
    /// <summary>One line or more of text; required fields must not be blank.</summary>
    public string? Text(string name, bool required, bool oneLine = false)
    {
        var node = required ? Required(name) : Value(name);
        if (node is null || Nodes.Scalar(node, PathOf(name), "text", Problems) is not { } raw)
        {
            return null;
        }

        var text = raw.Trim();
        if (text.Length == 0 && required)
        {
            Problems.At(node, PathOf(name), "expected text, got nothing");
            return null;
        }

        if (oneLine && text.Contains('\n', StringComparison.Ordinal))
        {
            Problems.At(node, PathOf(name), $"expected one line of text, got {text.Split('\n').Length} lines");
            return null;
        }

        return text;
    }

    public string? Choice(string name, IReadOnlyList<string> options, bool required = false)
    {
        var node = required ? Required(name) : Value(name);
        if (node is null || Nodes.Scalar(node, PathOf(name), $"one of {string.Join(", ", options)}", Problems) is not { } text)
        {
            return null;
        }

        if (options.Contains(text))
        {
            return text;
        }

        Problems.At(node, PathOf(name), $"expected one of {string.Join(", ", options)}, got {Units.Quote(text)}" + NearestNames.DidYouMean(text, options));
        return null;
    }

    /// <summary>A duration; zero allowed unless <paramref name="positive"/>.</summary>
    public TimeSpan? Duration(string name, bool positive = false)
    {
        var value = Parse<TimeSpan>(name, Units.TryParseDuration, Units.DurationExpected);
        return value == TimeSpan.Zero && positive ? OutOfRange<TimeSpan>(name, "a duration > 0") : value;
    }

    /// <summary>A rate above zero and at most <see cref="Scenarios.Rate.Max"/>.</summary>
    public Rate? Rate(string name)
    {
        var value = Parse<Rate>(name, Units.TryParseRate, Units.RateExpected);
        return value switch
        {
            { PerSec: <= 0 } => OutOfRange<Rate>(name, "a rate > 0"),
            { } v when v.PerSec > Scenarios.Rate.Max.PerSec => OutOfRange<Rate>(name, $"a rate of at most {Scenarios.Rate.Max} (more than a machine can send; simulate with --scale for more)"),
            _ => value,
        };
    }

    public ByteSize? Size(string name, bool positive = false)
    {
        var value = Parse<ByteSize>(name, Units.TryParseSize, Units.SizeExpected);
        return value is { Bytes: 0 } && positive ? OutOfRange<ByteSize>(name, "a size > 0") : value;
    }

    public int? Integer(string name, int min)
    {
        var value = Parse<int>(name, Units.TryParseInteger, "a whole number");
        return value < min ? OutOfRange<int>(name, $"a whole number >= {min}") : value;
    }

    public bool? Boolean(string name) => Parse<bool>(name, Units.TryParseBoolean, "true or false");

    /// <summary>A factor above 1 (<c>3x</c>): a fault that multiplies by 1 or less would do nothing.</summary>
    public double? Factor(string name)
    {
        var value = Parse<double>(name, Units.TryParseFactor, Units.FactorExpected);
        return value <= 1 ? OutOfRange<double>(name, "a factor > 1x") : value;
    }

    public double? Fraction(string name) => Parse<double>(name, Units.TryParseFraction, Units.FractionExpected);

    public ServiceTime? ServiceTime(string name)
    {
        var node = Value(name);
        if (node is null || Nodes.Scalar(node, PathOf(name), Units.ServiceTimeExpected, Problems) is not { } text)
        {
            return null;
        }

        if (Units.TryParseServiceTime(text, out var value, out var error))
        {
            return value;
        }

        Problems.At(node, PathOf(name), error);
        return null;
    }

    /// <summary>A scalar read by <paramref name="parser"/>; <paramref name="expected"/> is said when a collection is found instead.</summary>
    public T? Parse<T>(string name, UnitParser<T> parser, string expected)
        where T : struct
    {
        var node = Value(name);
        if (node is null || Nodes.Scalar(node, PathOf(name), expected, Problems) is not { } text)
        {
            return null;
        }

        if (parser(text, out var value, out var error))
        {
            return value;
        }

        Problems.At(node, PathOf(name), error);
        return null;
    }

    private T? OutOfRange<T>(string name, string expected)
        where T : struct
    {
        var node = Value(name)!;
        Problems.At(node, PathOf(name), $"expected {expected}, got {Nodes.Describe(node)}");
        return null;
    }
}
