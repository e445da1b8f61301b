namespace ArchLab.Harness.Model.Results;

/// <summary>
/// What queueing theory says an arm's completion latency must be, when the arm is one station under Poisson load
/// in a steady state (<c>theory.mean</c>, <c>theory.p50</c>... in expectations). Null percentiles: the model has a
/// mean in closed form but no distribution (M/G/1 with another service distribution).
/// </summary>
/// <param name="Model">Kendall's notation and the station, e.g. <c>M/M/1: payment exp(10ms), 1 worker, 50/s</c>.</param>
/// <param name="Utilisation">ρ = λ E[S] / c.</param>
/// <param name="MeanMs">The mean response time (waiting plus service).</param>
public sealed record QueueTheory(string Model, double Utilisation, double MeanMs, double? P50Ms, double? P90Ms, double? P99Ms);
