using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.RegularExpressions;
using ArchLab.Contracts.Workflow;

namespace ArchLab.Harness.Model.Scenarios.Loading;

public static partial class Units
{
    public const string ServiceTimeExpected =
        "a service time: fixed(d), exp(mean), lognormal(median, sigma) or uniform(min, max)";

    /// <summary><c>fixed(5ms)</c>, <c>exp(2ms)</c>, <c>lognormal(5ms, 0.5)</c>, <c>uniform(1ms, 9ms)</c>.</summary>
    public static bool TryParseServiceTime(string text, [NotNullWhen(true)] out ServiceTime? value, [NotNullWhen(false)] out string? error)
    {
        value = null;
        var match = Call().Match(text);
        if (!match.Success)
        {
            // In a { } mapping a comma ends the value: lognormal(5ms, 0.5) arrives here cut in two.
            var cut = text.Contains('(', StringComparison.Ordinal) && !text.Contains(')', StringComparison.Ordinal)
                ? "; inside { } quote a value with a comma, e.g. time: \"lognormal(5ms, 0.5)\""
                : "";
            error = $"expected {ServiceTimeExpected}, got {Quote(text)}{cut}";
            return false;
        }

        var family = match.Groups["family"].Value;
        var args = match.Groups["args"].Value.Split(',', StringSplitOptions.TrimEntries);
        var (kind, shape) = family switch
        {
            "fixed" => (ServiceTimeKind.Fixed, "fixed(d)"),
            "exp" => (ServiceTimeKind.Exponential, "exp(mean)"),
            "lognormal" => (ServiceTimeKind.LogNormal, "lognormal(median, sigma)"),
            "uniform" => (ServiceTimeKind.Uniform, "uniform(min, max)"),
            _ => ((ServiceTimeKind?)null, ""),
        };
        if (kind is null)
        {
            error = $"unknown distribution '{family}'; expected one of fixed, exp, lognormal, uniform" +
                Expectations.NearestNames.DidYouMean(family, ["fixed", "exp", "lognormal", "uniform"]);
            return false;
        }

        var arity = kind is ServiceTimeKind.LogNormal or ServiceTimeKind.Uniform ? 2 : 1;
        if (args.Length != arity || args.Any(a => a.Length == 0))
        {
            error = $"expected {shape}, got {Quote(text)}";
            return false;
        }

        if (!TryParseDuration(args[0], out var scale, out error))
        {
            error = $"in {shape}: {error}";
            return false;
        }

        value = kind switch
        {
            ServiceTimeKind.LogNormal => LogNormal(scale, args[1], shape, out error),
            ServiceTimeKind.Uniform => UniformUpTo(scale, args[1], shape, out error),
            ServiceTimeKind.Exponential when scale == TimeSpan.Zero => Fail($"in {shape}: expected a mean > 0, got '{args[0]}'", out error),
            _ => Ok(new ServiceTime(kind.Value, scale), out error),
        };
        return value is not null;
    }

    private static ServiceTime? LogNormal(TimeSpan median, string sigmaText, string shape, out string? error)
    {
        if (median == TimeSpan.Zero)
        {
            return Fail($"in {shape}: expected a median > 0, got '{Durations.Format(median)}'", out error);
        }

        if (!double.TryParse(sigmaText, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var sigma))
        {
            return Fail($"in {shape}: expected sigma as a number >= 0 (no unit), got '{sigmaText}'", out error);
        }

        return Ok(new ServiceTime(ServiceTimeKind.LogNormal, median, Sigma: sigma), out error);
    }

    private static ServiceTime? UniformUpTo(TimeSpan min, string maxText, string shape, out string? error)
    {
        if (!TryParseDuration(maxText, out var max, out error))
        {
            return Fail($"in {shape}: {error}", out error);
        }

        if (max < min)
        {
            return Fail($"in {shape}: expected max >= min, got min {Durations.Format(min)} and max {Durations.Format(max)}", out error);
        }

        return Ok(new ServiceTime(ServiceTimeKind.Uniform, min, max), out error);
    }

    private static ServiceTime? Fail(string message, out string? error)
    {
        error = message;
        return null;
    }

    private static ServiceTime Ok(ServiceTime value, out string? error)
    {
        error = null;
        return value;
    }

    [GeneratedRegex(@"^\s*(?<family>[A-Za-z]\w*)\s*\((?<args>[^()]*)\)\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex Call();
}
