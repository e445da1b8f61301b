using ScottPlot;

namespace ArchLab.Reports.Charts;

/// <summary>
/// One colour per arm, by arm order, the same on every chart: the Okabe-Ito palette, which stays distinct for
/// the common kinds of colour blindness. Yellow comes last because it is faint on white.
/// </summary>
public static class ArmPalette
{
    public static IReadOnlyList<string> Hex { get; } =
        ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#000000", "#F0E442"];

    /// <summary>The colour of the arm at <paramref name="index"/> in the run's arm order; wraps after eight arms.</summary>
    public static string HexOf(int index) => Hex[index % Hex.Count];

    public static Color Of(int index) => Color.FromHex(HexOf(index));
}
