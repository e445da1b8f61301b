using System.Globalization;

namespace ArchLab.Reports.Formatting;

/// <summary>
/// Every number a report writes goes through here, in the invariant culture, so a run written on a French or
/// German machine reads the same and parses back (a comma decimal separator would break every CSV).
/// </summary>
public static class Invariant
{
    private static readonly CultureInfo Culture = CultureInfo.InvariantCulture;

    /// <summary>A CSV cell: the shortest round-trip form; empty when the figure does not apply.</summary>
    public static string Cell(double? value) => value is { } v ? v.ToString("R", Culture) : "";

    /// <summary>A CSV cell for a count; empty when the figure does not apply.</summary>
    public static string Cell(long? value) => value is { } v ? v.ToString(Culture) : "";

    /// <summary>Milliseconds for a reader: three significant figures or so, "n/a" when the figure does not apply.</summary>
    public static string Ms(double? value) => value switch
    {
        null => NotApplicable,
        < 10 => value.Value.ToString("0.00", Culture) + " ms",
        < 100 => value.Value.ToString("0.0", Culture) + " ms",
        _ => value.Value.ToString("0", Culture) + " ms",
    };

    /// <summary>A count for a reader, without group separators (they differ between cultures and confuse copy-paste).</summary>
    public static string Count(long? value) => value is { } v ? v.ToString(Culture) : NotApplicable;

    /// <summary>A rate or ratio for a reader, one decimal (two for small values).</summary>
    public static string Number(double? value) => value switch
    {
        null => NotApplicable,
        < 10 => value.Value.ToString("0.00", Culture),
        _ => value.Value.ToString("0.0", Culture),
    };

    /// <summary>Seconds on the run's axis, e.g. <c>12.5</c>.</summary>
    public static string Seconds(double? value) => value is { } v ? v.ToString("0.##", Culture) : NotApplicable;

    public static string Text(FormattableString text) => text.ToString(Culture);

    public const string NotApplicable = "n/a";
}
