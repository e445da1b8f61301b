using System.Globalization;
using ArchLab.Contracts.Workflow;
using ArchLab.Harness.Model.Results;
using ArchLab.Harness.Model.Scenarios;

namespace ArchLab.Harness.Model.Queueing;

/// <summary>
/// Recognises an arm that is one queueing station and says what theory predicts for it. One station means: open load
/// with Poisson arrivals at a constant rate and no fault (a steady state), and exactly one role with a cost, every
/// other role free, so that an order's completion latency is that station's response time plus hops of microseconds.
/// Models: M/M/c (exponential service, c workers), M/D/1 (fixed service, one worker), M/G/1 (any other distribution
/// or a slow tail, one worker: the mean only, by Pollaczek-Khinchine), M/G/∞ (no worker limit: the service time itself).
/// </summary>
public static class StationTheory
{
    /// <summary>The prediction for <paramref name="arm"/>, or null when it is not one station in a steady state.</summary>
    /// <param name="scale">The simulator's scale: arrival rate and workers times this.</param>
    public static QueueTheory? For(Scenario scenario, ArmSpec arm, double scale = 1)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(arm);
        var load = scenario.Load;
        if (arm.Transport is not null || load.Model != LoadModel.Open || load.Arrival != Arrival.Poisson || load.RampFrom is not null || scenario.Faults.Count > 0)
        {
            return null;
        }

        var receivers = scenario.ReceiversOf(arm);
        var costed = Roles.AllOf(receivers).Select(role => (Role: role, Cost: scenario.CostOf(arm, role)))
            .Where(r => r.Cost.Time.Mean > TimeSpan.Zero || r.Cost.Tail is { Probability: > 0 }).ToList();
        if (costed.Count != 1 || (Roles.IsReceiver(costed[0].Role) && receivers > 1))
        {
            return null;
        }

        var (role, cost) = costed[0];
        var lambda = load.Rate.PerSec * scale;
        var workers = cost.Workers == 0 ? 0 : (int)Math.Round(cost.Workers * scale);
        var mean = ServiceTimeShape.Mean(cost.Time, cost.Tail).TotalSeconds;
        var station = string.Create(CultureInfo.InvariantCulture,
            $"{role} {cost.Time}{(cost.Tail is { Probability: > 0 } t ? $" + {t.Probability:0.###%} x {Durations.Format(t.Extra)}" : "")}, {(workers == 0 ? "no worker limit" : workers == 1 ? "1 worker" : $"{workers} workers")}, {lambda:0.###}/s");
        if (workers == 0)
        {
            // No queue: each order's response is its own service time.
            return new QueueTheory($"M/G/∞: {station}", 0, Ms(mean),
                Ms(ServiceTimeShape.Percentile(cost.Time, 50, cost.Tail).TotalSeconds),
                Ms(ServiceTimeShape.Percentile(cost.Time, 90, cost.Tail).TotalSeconds),
                Ms(ServiceTimeShape.Percentile(cost.Time, 99, cost.Tail).TotalSeconds));
        }

        var utilisation = lambda * mean / workers;
        if (utilisation >= 1 || cost.Mode == CostMode.Cpu)
        {
            return null; // unstable, or a CPU-bound step on cores it shares with everything else: no steady state to hold it to
        }

        var tail = cost.Tail is { Probability: > 0 };
        if (cost.Time.Kind == ServiceTimeKind.Exponential && !tail)
        {
            var mu = 1 / mean;
            return Percentiles($"M/M/{workers}: {station}", utilisation, QueueFormulas.MmcResponseMean(lambda, mu, workers),
                t => QueueFormulas.MmcResponseCdf(lambda, mu, workers, t), mean);
        }

        if (workers > 1)
        {
            return null; // M/G/c has no closed form
        }

        if (cost.Time.Kind == ServiceTimeKind.Fixed && !tail)
        {
            return Percentiles($"M/D/1: {station}", utilisation, QueueFormulas.Mg1ResponseMean(lambda, mean, mean * mean),
                t => QueueFormulas.Md1ResponseCdf(lambda, mean, t), mean);
        }

        var meanMs = Ms(QueueFormulas.Mg1ResponseMean(lambda, mean, SecondMoment(cost)));
        return new QueueTheory($"M/G/1: {station}", Round(utilisation), meanMs, null, null, null);
    }

    private static QueueTheory Percentiles(string model, double utilisation, double mean, Func<double, double> cdf, double scale)
    {
        double? At(double p)
        {
            var t = QueueFormulas.Quantile(cdf, p, 10 * scale);
            return double.IsNaN(cdf(t)) ? null : Ms(t);
        }

        return new QueueTheory(model, Round(utilisation), Ms(mean), At(0.5), At(0.9), At(0.99));
    }

    /// <summary>E[S²] in seconds², the slow tail included: (1 - p) E[S²] + p E[(S + x)²].</summary>
    private static double SecondMoment(StepCost cost)
    {
        var time = cost.Time;
        var s = time.Scale.TotalSeconds;
        var body = time.Kind switch
        {
            ServiceTimeKind.Fixed => s * s,
            ServiceTimeKind.Exponential => 2 * s * s,
            ServiceTimeKind.LogNormal => s * s * Math.Exp(2 * time.Sigma * time.Sigma),
            ServiceTimeKind.Uniform => ((s * s) + (s * time.Max.TotalSeconds) + (time.Max.TotalSeconds * time.Max.TotalSeconds)) / 3,
            _ => throw new InvalidOperationException($"unknown service-time kind {time.Kind}"),
        };
        if (cost.Tail is not { Probability: > 0 } tail)
        {
            return body;
        }

        var x = tail.Extra.TotalSeconds;
        return body + (tail.Probability * ((2 * x * time.Mean.TotalSeconds) + (x * x)));
    }

    private static double Ms(double seconds) => Round(seconds * 1000);

    private static double Round(double value) => Math.Round(value, 3);
}
