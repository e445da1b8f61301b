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

    /// <summary>
    /// From the last receiver's effect to the edge's read model showing the order done (the completion event's way);
    /// null: the arm kept no read model, or wrote it in the request path.
    /// </summary>
    public ServiceSampler? ReadModelHop { get; init; }

    /// <summary>By role: the way from the previous step's effect to the step, which no worker spends; empty: none measured.</summary>
    public IReadOnlyDictionary<string, ServiceSampler> Hops { get; init; } = new Dictionary<string, ServiceSampler>();

    /// <summary>By role: seconds a worker stays busy after an effect before its next execution (<see cref="Queueing.Station.Hold"/>); empty: none measured.</summary>
    public IReadOnlyDictionary<string, double> Holds { get; init; } = new Dictionary<string, double>();

    /// <summary>
    /// Whole measured orders' ways, which a simulated order takes together: the caller's legs (in and back) from one
    /// measured order, its hops from one that found every step idle. Apart, because an order that found the steps
    /// idle is no typical caller: an idle step's workers sleep, and waking them slows the edge's answer (an <c>inproc</c>
    /// arm on a busy machine answered such orders in 1.3 ms at the median, all orders in 0.86 ms). Empty: too few orders.
    /// </summary>
    public IReadOnlyList<Journeys> Journeys { get; init; } = [];

    /// <summary>What each fault on a broker cluster's node did to publishing and to each step's consumer; empty: none.</summary>
    public IReadOnlyList<BrokerOutage> BrokerOutages { get; init; } = [];

    public string Describe() =>
        $"{Arm}: " + string.Join(", ", ServiceTimes.Select(s =>
            string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{s.Key} {s.Value.Mean * 1000:0.###} ms{(Hops.TryGetValue(s.Key, out var hop) ? $" after a {hop.Mean * 1000:0.###} ms hop" : "")}{(Holds.TryGetValue(s.Key, out var hold) ? $" and {hold * 1000:0.###} ms held" : "")} (n={Samples[s.Key]})")))
        + (AnswerHop is { } back ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $", answer {back.Mean * 1000:0.###} ms") : "")
        + string.Concat(Journeys.Select(j => $", {string.Join("+", j.Columns)} together from {j.Rows.Count} measured orders"))
        + string.Concat(BrokerOutages.Select(o => $", {o.Describe()}"))
        + (RestartSeconds is { } r ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $", restart {r:0.###} s{(RestartFromOtherArms ? " (mean of the other arms)" : "")}") : "");
}
