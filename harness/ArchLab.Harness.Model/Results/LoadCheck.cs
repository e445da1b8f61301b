namespace ArchLab.Harness.Model.Results;

/// <summary>
/// Whether the load engine offered what the scenario asked for. When it could not (a rate past what the engine can
/// send, a target so slow that every slot stayed taken), every other figure answers a different question than the
/// scenario asked, so the run says so and fails instead of judging its expectations on what little was sent.
/// </summary>
/// <param name="IntendedOffered">Requests the scenario's rate asks for in the measured window (bursts and ramp included).</param>
/// <param name="Offered">Requests the engine got to in the measured window.</param>
/// <param name="DroppedByGenerator">Of those, the ones that found no free slot within the timeout and were never sent.</param>
/// <param name="Behind">Of those, the ones the engine itself reached more than a second after their intended time.</param>
/// <param name="Shortfall">What fell short, in a sentence; null when the load was what was asked.</param>
public sealed record LoadCheck(double IntendedOffered, long Offered, long DroppedByGenerator, long Behind, string? Shortfall)
{
    /// <summary>
    /// Judges the offered load: short when fewer requests were offered than the rate asks for by more than 10% (and
    /// more than three standard deviations of a Poisson count, so that a short run's chance does not trip it), when
    /// more than 1% of the offered requests were dropped for want of a slot, or when the engine reached more than 1%
    /// of them more than a second late (it sent what was asked, but not when: a rate past what it can send here; a
    /// shorter hiccup of a busy machine is not that).
    /// </summary>
    public static LoadCheck Of(double intendedOffered, long offered, long droppedByGenerator, long behind = 0)
    {
        var allowed = Math.Max(0.1 * intendedOffered, (3 * Math.Sqrt(intendedOffered)) + 1);
        var reasons = new List<string>();
        if (offered < intendedOffered - allowed)
        {
            reasons.Add($"offered {offered} requests of the {intendedOffered:0} the rate asks for ({Share(offered, intendedOffered)}): the load engine could not keep up with the rate");
        }

        if (droppedByGenerator > 0.01 * Math.Max(1, offered))
        {
            reasons.Add($"{droppedByGenerator} of {offered} offered requests ({Share(droppedByGenerator, offered)}) found no free slot within the timeout and were never sent (load.maxInFlight)");
        }

        if (behind > 0.01 * Math.Max(1, offered))
        {
            reasons.Add($"the load engine reached {behind} of {offered} offered requests ({Share(behind, offered)}) more than a second after their intended time: it cannot send this rate on this machine");
        }

        return new LoadCheck(Math.Round(intendedOffered, 1), offered, droppedByGenerator, behind, reasons.Count == 0 ? null : string.Join("; ", reasons));
    }

    private static string Share(double part, double whole) =>
        whole <= 0 ? "n/a" : (part / whole).ToString("0.#%", System.Globalization.CultureInfo.InvariantCulture);
}
