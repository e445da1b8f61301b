using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.RegularExpressions;

namespace ArchLab.Harness.Model.Scenarios.Loading;

/// <summary>
/// The quantities of scenario files, always written with a unit: durations (<c>250us</c>, <c>5ms</c>,
/// <c>2s</c>, <c>1m</c>, <c>1h</c>), rates (<c>200/s</c>, <c>600/m</c>, <c>10/h</c>), sizes (<c>512B</c>,
/// <c>4KB</c> = 4000 bytes, <c>4KiB</c> = 4096 bytes, <c>MB</c>, <c>MiB</c>, <c>GB</c>, <c>GiB</c>),
/// factors (<c>3x</c>), percentages (<c>20%</c>) and bandwidths (<c>100KB/s</c>). Numbers are invariant
/// (a dot for decimals, an exponent allowed: <c>1e4/s</c>), never negative; a blank between number and unit is allowed.
/// On failure the error says what was expected and what was found.
/// </summary>
public static partial class Units
{
    public const string DurationExpected = "a duration with a unit (us, ms, s, m, h)";
    public const string RateExpected = "a rate with a unit (/s, /m, /h)";
    public const string SizeExpected = "a size with a unit (B, KB, KiB, MB, MiB, GB, GiB)";

    private static readonly Dictionary<string, long> TicksPerDurationUnit = new(StringComparer.Ordinal)
    {
        ["us"] = TimeSpan.TicksPerMicrosecond,
        ["ms"] = TimeSpan.TicksPerMillisecond,
        ["s"] = TimeSpan.TicksPerSecond,
        ["m"] = TimeSpan.TicksPerMinute,
        ["h"] = TimeSpan.TicksPerHour,
    };

    private static readonly Dictionary<string, double> SecondsPerRateUnit = new(StringComparer.Ordinal)
    {
        ["/s"] = 1,
        ["/m"] = 60,
        ["/h"] = 3600,
    };

    private static readonly Dictionary<string, long> BytesPerSizeUnit = new(StringComparer.Ordinal)
    {
        ["B"] = 1,
        ["KB"] = 1000,
        ["KiB"] = 1024,
        ["MB"] = 1000 * 1000,
        ["MiB"] = 1024 * 1024,
        ["GB"] = 1000 * 1000 * 1000,
        ["GiB"] = 1024 * 1024 * 1024,
    };

    public static bool TryParseDuration(string text, out TimeSpan value, [NotNullWhen(false)] out string? error)
    {
        value = default;
        if (!TrySplit(text, DurationExpected, TicksPerDurationUnit, out var number, out var perUnit, out error))
        {
            return false;
        }

        var ticks = Math.Round(number * perUnit, MidpointRounding.AwayFromZero);
        if (ticks > TimeSpan.MaxValue.Ticks)
        {
            error = $"expected {DurationExpected} of at most {TimeSpan.MaxValue.Days} days, got '{text}'";
            return false;
        }

        value = TimeSpan.FromTicks((long)ticks);
        return true;
    }

    public static bool TryParseRate(string text, out Rate value, [NotNullWhen(false)] out string? error)
    {
        value = default;
        if (!TrySplit(text, RateExpected, SecondsPerRateUnit, out var number, out var seconds, out error))
        {
            return false;
        }

        value = Rate.PerSecond((double)number / seconds);
        return true;
    }

    public static bool TryParseSize(string text, out ByteSize value, [NotNullWhen(false)] out string? error)
    {
        value = default;
        if (!TrySplit(text, SizeExpected, BytesPerSizeUnit, out var number, out var perUnit, out error))
        {
            return false;
        }

        var bytes = number * perUnit;
        if (bytes != decimal.Truncate(bytes) || bytes > long.MaxValue)
        {
            error = $"expected a whole number of bytes, got '{text}' ({bytes.ToString(CultureInfo.InvariantCulture)} bytes)";
            return false;
        }

        value = new ByteSize((long)bytes);
        return true;
    }

    /// <summary>Splits <c>12.5ms</c> into a non-negative number and the factor of a known unit.</summary>
    private static bool TrySplit<TFactor>(
        string text,
        string expected,
        Dictionary<string, TFactor> units,
        out decimal number,
        out TFactor factor,
        [NotNullWhen(false)] out string? error)
    {
        number = 0;
        factor = default!;
        var match = Quantity().Match(text);
        if (!match.Success || !units.TryGetValue(match.Groups["unit"].Value, out factor!))
        {
            error = $"expected {expected}, got {Quote(text)}";
            return false;
        }

        if (!decimal.TryParse(match.Groups["number"].Value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent,
                CultureInfo.InvariantCulture, out number))
        {
            error = $"expected {expected}, got {Quote(text)}: the number is too large";
            return false;
        }

        if (number < 0)
        {
            error = $"expected {expected} >= 0, got {Quote(text)}";
            return false;
        }

        error = null;
        return true;
    }

    /// <summary><c>'text'</c>, or <c>nothing</c> for a blank value.</summary>
    internal static string Quote(string text) => string.IsNullOrWhiteSpace(text) ? "nothing" : $"'{text}'";

    [GeneratedRegex(@"^\s*(?<number>[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?)\s*(?<unit>\S*)\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex Quantity();
}
