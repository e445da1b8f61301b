using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace ArchLab.Harness.Model.Scenarios.Loading;

public static partial class Units
{
    public const string FactorExpected = "a factor such as 3x";
    public const string FractionExpected = "a percentage such as 20% (or a fraction from 0 to 1)";
    public const string BandwidthExpected = "a bandwidth with a unit (KB/s, MB/s)";

    private static readonly Dictionary<string, int> FactorUnit = new(StringComparer.Ordinal) { ["x"] = 1 };

    private static readonly Dictionary<string, decimal> FractionUnits = new(StringComparer.Ordinal) { ["%"] = 0.01m, [""] = 1m };

    private static readonly Dictionary<string, long> KilobytesPerBandwidthUnit = new(StringComparer.Ordinal)
    {
        ["KB/s"] = 1,
        ["MB/s"] = 1000,
    };

    /// <summary><c>3x</c>, <c>1.5x</c>: a multiplier.</summary>
    public static bool TryParseFactor(string text, out double value, [NotNullWhen(false)] out string? error)
    {
        value = 0;
        if (!TrySplit(text, FactorExpected, FactorUnit, out var number, out _, out error))
        {
            return false;
        }

        value = (double)number;
        return true;
    }

    /// <summary><c>20%</c> or <c>0.2</c>: a fraction from 0 to 1.</summary>
    public static bool TryParseFraction(string text, out double value, [NotNullWhen(false)] out string? error)
    {
        value = 0;
        if (!TrySplit(text, FractionExpected, FractionUnits, out var number, out var scale, out error))
        {
            return false;
        }

        var fraction = number * scale;
        if (fraction > 1)
        {
            error = $"expected a percentage from 0% to 100% (or a fraction from 0 to 1), got {Quote(text)}";
            return false;
        }

        value = (double)fraction;
        return true;
    }

    /// <summary><c>100KB/s</c>, <c>2MB/s</c>: a bandwidth in whole KB/s (1 KB = 1000 bytes), the unit of Toxiproxy.</summary>
    public static bool TryParseBandwidth(string text, out long kilobytesPerSecond, [NotNullWhen(false)] out string? error)
    {
        kilobytesPerSecond = 0;
        if (!TrySplit(text, BandwidthExpected, KilobytesPerBandwidthUnit, out var number, out var perUnit, out error))
        {
            return false;
        }

        var kilobytes = number * perUnit;
        if (kilobytes != decimal.Truncate(kilobytes) || kilobytes > long.MaxValue)
        {
            error = $"expected a whole number of KB/s, got {Quote(text)}";
            return false;
        }

        kilobytesPerSecond = (long)kilobytes;
        return true;
    }

    /// <summary>A whole number, e.g. a worker count or a seed.</summary>
    public static bool TryParseInteger(string text, out int value, [NotNullWhen(false)] out string? error)
    {
        if (int.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value))
        {
            error = null;
            return true;
        }

        error = $"expected a whole number, got {Quote(text)}";
        return false;
    }

    /// <summary><c>true</c> or <c>false</c>, nothing else (no <c>yes</c>, <c>on</c>...).</summary>
    public static bool TryParseBoolean(string text, out bool value, [NotNullWhen(false)] out string? error)
    {
        value = text.Trim() == "true";
        error = value || text.Trim() == "false" ? null : $"expected true or false, got {Quote(text)}";
        return error is null;
    }
}
