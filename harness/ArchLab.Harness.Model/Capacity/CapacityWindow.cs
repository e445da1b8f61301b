using System.Globalization;

namespace ArchLab.Harness.Model.Capacity;

/// <summary>
/// One measured window of a capacity search at one offered rate, and whether the arm sustained it: it completed
/// within <see cref="CompletedShortfall"/> of what was offered, its backlog did not grow, under
/// <see cref="MaxErrorShare"/> of its orders failed, and the service-level objective held.
/// </summary>
/// <param name="OfferedPerSec">What the load offered over the window.</param>
/// <param name="CompletedPerSec">What completed over the window (the last step's effects).</param>
/// <param name="ErrorShare">Errors over the orders sent in the window.</param>
/// <param name="BacklogGrowth">The backlog at the window's end less at its start (stored messages, or requests in flight); null: not read.</param>
/// <param name="Slo">Null when there is no objective; else whether it held and what was measured.</param>
/// <param name="Counted">What <paramref name="CompletedPerSec"/> counts: <c>completed</c>, or <c>accepted</c> for the accept path's search.</param>
public sealed record CapacityWindow(
    double OfferedPerSec, double CompletedPerSec, double ErrorShare, long? BacklogGrowth, (bool Held, string Detail)? Slo, double Seconds, string Counted = "completed")
{
    public const double CompletedShortfall = 0.02;

    public const double MaxErrorShare = 0.001;

    private bool FellShort => CompletedPerSec < OfferedPerSec * (1 - CompletedShortfall);

    // A backlog may wobble by a few messages: growth counts past 2% of the window's orders (and at least 5).
    private bool BacklogGrew => BacklogGrowth is { } growth && growth > Math.Max(5, CompletedShortfall * OfferedPerSec * Seconds);

    /// <summary>
    /// The rate the arm carried when it could not keep up and failed nothing: a saturated arm's service rate, which the
    /// search tries next (<see cref="CapacitySearch"/>). Null when it kept up, or failed orders (their work may have been
    /// wasted, so what it carried is less than it could).
    /// </summary>
    public double? Carried => (FellShort || BacklogGrew) && ErrorShare < MaxErrorShare ? CompletedPerSec : null;

    /// <summary>Each condition the window broke, in words; empty when the arm sustained the rate.</summary>
    public IReadOnlyList<string> Broken()
    {
        var broken = new List<string>();
        if (FellShort)
        {
            broken.Add(Text($"{Counted} {CompletedPerSec:0.#}/s of {OfferedPerSec:0.#}/s offered"));
        }

        if (BacklogGrew && BacklogGrowth is { } growth)
        {
            broken.Add(Text($"the backlog grew by {growth} over the window"));
        }

        if (ErrorShare >= MaxErrorShare)
        {
            broken.Add(Text($"{ErrorShare * 100:0.##}% of the orders failed"));
        }

        if (Slo is { Held: false } slo)
        {
            broken.Add($"the objective did not hold ({slo.Detail})");
        }

        return broken;
    }

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
