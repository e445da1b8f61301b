namespace ArchLab.Simulation.Queueing;

/// <summary>
/// Little's law at one node over a run: the time-average number in the node (L), the arrival rate (λ) and the mean
/// time in the node (W), with W counting both jobs that left and the age of those still inside at the end, so that
/// L = λW holds on every sample path; a bookkeeping slip in the node shows as a difference.
/// </summary>
public sealed record LittleLaw(string Node, double Seconds, long Arrivals, double MeanInSystem, double ArrivalRate, double MeanTimeInSystem)
{
    /// <summary>|L - λW| / max(L, tiny): zero when the law holds.</summary>
    public double RelativeError => Math.Abs(MeanInSystem - (ArrivalRate * MeanTimeInSystem)) / Math.Max(MeanInSystem, 1e-12);
}
