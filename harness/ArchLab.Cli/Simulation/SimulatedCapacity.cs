using ArchLab.Harness.Capacity;
using ArchLab.Harness.Model.Capacity;
using ArchLab.Harness.Model.Results;
using ArchLab.Harness.Model.Scenarios;
using ArchLab.Simulation;

namespace ArchLab.Cli.Simulation;

/// <summary>
/// The capacity search in the simulator: the same search and the same conditions as the measured one
/// (<see cref="CapacityRunner"/>), each window a simulated run of the arm alone at one rate, evenly spaced, without
/// the scenario's faults. The backlog's growth is not read there: a window is judged on its completed (or accepted)
/// rate, its errors and the objective.
/// </summary>
public static class SimulatedCapacity
{
    public static IReadOnlyList<CapacityArm> Search(Scenario scenario, CapacityOptions capacity, SimulationOptions options, Action<string> log)
    {
        var arms = new List<CapacityArm>();
        foreach (var arm in scenario.RunArms().Where(a => a.Transport is null && a.Devices is null))
        {
            var start = capacity.From ?? scenario.Load.Rate.PerSec;
            var max = capacity.Max ?? start * 64;
            var search = new CapacitySearch(start, max, capacity.Precision, capacity.MaxSteps);
            var windows = new List<CapacityStep>();
            while (search.Next() is { } rate)
            {
                var (window, step) = Window(scenario, arm, rate, "search", capacity, options);
                search.Record(rate, window.Broken(), window.Carried);
                windows.Add(step);
            }

            if (search.Found is { } found)
            {
                windows.AddRange(CapacityRunner.CurveRates(found, capacity.CurvePoints, windows.Select(w => w.RatePerSec))
                    .Select(rate => Window(scenario, arm, rate, "curve", capacity, options).Step));
            }

            var name = arm.Name + options.ArmSuffix;
            windows.ForEach(w => log(CapacityRunner.Describe(name, w)));
            var above = search.Above;
            arms.Add(new CapacityArm(name, arm.Style, search.Found, search.Found >= max && above is null, above?.Rate, above?.Broken ?? [], 0, windows));
        }

        return arms;
    }

    private static (CapacityWindow Window, CapacityStep Step) Window(Scenario scenario, ArmSpec arm, double rate, string kind, CapacityOptions capacity, SimulationOptions options)
    {
        var one = scenario with
        {
            Arms = [arm],
            Sweep = null,
            Faults = [],
            Load = scenario.Load with { Rate = Rate.PerSecond(rate), Arrival = Arrival.Constant, RampFrom = null },
        };
        var result = SimulatedRuns.Simulate(one, options with { ArmSuffix = "" }).Results.Arms[0];
        var seconds = scenario.Load.Duration.TotalSeconds;
        var errors = result.Counts.Errors / (double)Math.Max(1, result.Counts.Sent);
        var completed = result.Throughput.CompletedPerSec ?? 0;
        var objective = capacity.Objective is { } o
            ? o.Judge(o.Of(o.Metric == "accept" ? result.LatencyMs.Accept : result.LatencyMs.Completion))
            : ((bool, string)?)null;
        var window = new CapacityWindow(result.Throughput.OfferedPerSec, capacity.AcceptPath ? result.Throughput.AcceptedPerSec : completed, errors,
            null, objective, seconds, capacity.AcceptPath ? "accepted" : "completed");
        Quantiles? Pair(LatencySummary? l) => l is null ? null : new Quantiles(l.Count, l.P50, l.P99);
        return (window, new CapacityStep(kind, rate, result.Throughput.OfferedPerSec, result.Throughput.AcceptedPerSec, completed, errors, null,
            result.Delivery?.Pending ?? 0, Pair(result.LatencyMs.Accept), Pair(result.LatencyMs.Completion), window.Broken()));
    }
}
