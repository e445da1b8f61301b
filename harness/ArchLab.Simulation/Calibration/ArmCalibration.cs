using ArchLab.Simulation.Queueing;

namespace ArchLab.Simulation.Calibration;

/// <summary>What one measured arm says about its own system: each step's service times, and how long a killed role took to serve again.</summary>
/// <param name="Arm">The measured arm.</param>
/// <param name="ServiceTimes">Empirical service times by role.</param>
/// <param name="Samples">Orders behind each role's distribution.</param>
/// <param name="RestartSeconds">Mean time from a kill window's end to the restarted role's first effect; null when the arm had no kill.</param>
public sealed record ArmCalibration(
    string Arm,
    IReadOnlyDictionary<string, ServiceSampler> ServiceTimes,
    IReadOnlyDictionary<string, int> Samples,
    double? RestartSeconds)
{
    /// <summary>True when this arm's restart left no effect to time (everything it would have done expired first) and the delay is the other arms' mean.</summary>
    public bool RestartFromOtherArms { get; init; }

    /// <summary>The way back from the edge's answer to the caller (<see cref="CallerHops"/>); null: the caller's log was not there.</summary>
    public ServiceSampler? AnswerHop { get; init; }

    /// <summary>By role: the way from the previous step's effect to the step, which no worker spends; empty: none measured.</summary>
    public IReadOnlyDictionary<string, ServiceSampler> Hops { get; init; } = new Dictionary<string, ServiceSampler>();

    /// <summary>Whole measured orders' ways in, hops and ways back, which a simulated order takes together; null: too few orders found every step idle.</summary>
    public Journeys? Journeys { get; init; }

    public string Describe() =>
        $"{Arm}: " + string.Join(", ", ServiceTimes.Select(s =>
            string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{s.Key} {s.Value.Mean * 1000:0.###} ms{(Hops.TryGetValue(s.Key, out var hop) ? $" after a {hop.Mean * 1000:0.###} ms hop" : "")} (n={Samples[s.Key]})")))
        + (AnswerHop is { } back ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $", answer {back.Mean * 1000:0.###} ms") : "")
        + (Journeys is { } j ? $", an order's hops together from {j.Rows.Count} measured orders" : "")
        + (RestartSeconds is { } r ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $", restart {r:0.###} s{(RestartFromOtherArms ? " (mean of the other arms)" : "")}") : "");
}
