using System.Globalization;
using ArchLab.Harness.Model.Capacity;
using ArchLab.Harness.Model.Scenarios;
using ArchLab.Harness.Orchestration;

namespace ArchLab.Harness.Capacity;

/// <summary>How a capacity search runs, beyond the scenario (whose rate, warm-up, window and drain it takes).</summary>
/// <param name="Objective">What every window must hold besides the throughput conditions; null: none.</param>
/// <param name="From">The first rate tried; null: the scenario's.</param>
/// <param name="Max">No rate above it is tried; null: 64 times the first.</param>
/// <param name="CurvePoints">Evenly spaced rates up to 1.2x the capacity found, measured after the search for the curve.</param>
/// <param name="AcceptPath">Search the accept path's capacity (accepted against offered, the backlog behind it left out) rather than the workflow's (completed).</param>
public sealed record CapacityOptions(
    CapacityObjective? Objective = null, double? From = null, double? Max = null, double Precision = 0.05, int MaxSteps = 16, int CurvePoints = 5, bool AcceptPath = false)
{
    /// <summary>A scenario's <c>capacity:</c> defaults (or none written) as options.</summary>
    public static CapacityOptions Of(CapacitySpec? spec)
    {
        var s = spec ?? CapacitySpec.Default;
        return new CapacityOptions(s.Slo is { } slo ? CapacityObjective.Parse(slo) : null, s.From?.PerSec, s.Max?.PerSec, s.Precision,
            CurvePoints: s.CurvePoints, AcceptPath: s.Of == "accept");
    }
}

/// <summary>
/// <c>archlab capacity</c>: for each arm, the highest offered rate it sustains (<see cref="CapacitySearch"/>, each window
/// judged by <see cref="CapacityWindow"/>), then the latency-throughput curve from the search's windows and an even
/// sweep up to 1.2x that rate. The scenario's faults are left out: capacity is a calm system's.
/// </summary>
public static class CapacityRunner
{
    /// <returns>The results, and the folder they were written to.</returns>
    public static async Task<(CapacityResults Results, string Folder)> RunAsync(
        Scenario scenario, CapacityOptions capacity, RunOptions options, string? profile, Action<string> log, CancellationToken cancellationToken)
    {
        var started = DateTimeOffset.UtcNow;
        var folder = RunFolder.Create(options, scenario.Name, started);
        var calm = scenario with { Faults = [] };
        var arms = new List<CapacityArm>();
        foreach (var arm in calm.RunArms())
        {
            if (arm.Transport is not null || arm.Devices is not null)
            {
                log($"{arm.Name}: left out ({(arm.Transport is not null ? "a transport arm" : "an arm with device pages")}: capacity is the workflow's, driven at its edge)");
                continue;
            }

            arms.Add(await RunArmAsync(calm, arm, folder, options, capacity, log, cancellationToken));
        }

        var results = new CapacityResults(CapacityResults.CurrentSchemaVersion, scenario.Name, profile, "measured", started, capacity.AcceptPath ? "accept" : "completion", capacity.Objective?.ToString(),
            scenario.Load.Duration.TotalSeconds, scenario.Load.Warmup.TotalSeconds, capacity.Precision, arms);
        await ArchLab.Reports.Capacity.CapacityReport.WriteAsync(results, folder.Path, cancellationToken);
        folder.Complete();
        log($"capacity: {folder.Path}");
        return (results, folder.Path);
    }

    private static async Task<CapacityArm> RunArmAsync(
        Scenario scenario, ArmSpec arm, RunFolder folder, RunOptions options, CapacityOptions capacity, Action<string> log, CancellationToken cancellationToken)
    {
        var start = capacity.From ?? scenario.Load.Rate.PerSec;
        var search = new CapacitySearch(start, capacity.Max ?? start * 64, capacity.Precision, capacity.MaxSteps);
        var windows = new List<CapacityStep>();
        await using var session = new CapacitySession(scenario, arm, folder, options, log);
        await session.StartAsync(cancellationToken);
        while (search.Next() is { } rate)
        {
            var (window, step) = await session.RunWindowAsync("search", rate, capacity.Objective, capacity.AcceptPath, cancellationToken);
            search.Record(rate, window.Broken(), window.Carried);
            windows.Add(step);
            log(Describe(arm.Name, step));
        }

        if (search.Found is { } found)
        {
            foreach (var rate in CurveRates(found, capacity.CurvePoints, windows.Select(w => w.RatePerSec)))
            {
                var (_, step) = await session.RunWindowAsync("curve", rate, capacity.Objective, capacity.AcceptPath, cancellationToken);
                windows.Add(step);
                log(Describe(arm.Name, step));
            }
        }

        var above = search.Above;
        var result = new CapacityArm(arm.Name, arm.Style, search.Found, search.Found is { } f && above is null && f >= (capacity.Max ?? start * 64),
            above?.Rate, above?.Broken ?? [], session.Resets, windows);
        var broke = above is { } a ? string.Create(CultureInfo.InvariantCulture, $", {a.Rate:0.#}/s broke: {string.Join("; ", a.Broken)}") : "";
        log(string.Create(CultureInfo.InvariantCulture, $"{arm.Name}: capacity {(result.FoundPerSec is { } c ? $"{c:0.#}/s" : "not found")}{broke}"));
        return result;
    }

    /// <summary>
    /// Evenly spaced rates up to 1.2x <paramref name="found"/>, leaving out those within 5% of a rate measured already
    /// (the search's window there is the curve's point): the points past the capacity show what the backlog and the
    /// latencies do there.
    /// </summary>
    public static IReadOnlyList<double> CurveRates(double found, int points, IEnumerable<double> measured)
    {
        var have = measured.ToList();
        return [.. Enumerable.Range(1, Math.Max(0, points)).Select(k => Math.Round(1.2 * found * k / points, 1))
            .Where(r => have.All(m => Math.Abs(m - r) > 0.05 * r))];
    }

    public static string Describe(string arm, CapacityStep step)
    {
        var c = CultureInfo.InvariantCulture;
        var accept = step.AcceptMs?.P99.ToString("0.##", c) ?? "n/a";
        var completion = step.CompletionMs?.P99.ToString("0.##", c) ?? "n/a";
        return string.Create(c, $"{arm}: {step.Kind} {step.RatePerSec:0.#}/s: offered {step.OfferedPerSec:0.#}/s, accepted {step.AcceptedPerSec:0.#}/s, completed {step.CompletedPerSec:0.#}/s, errors {step.ErrorShare * 100:0.##}%, backlog {(step.BacklogGrowth is { } g ? g.ToString("+0;-0;0", c) : "n/a")}, accept p99 {accept} ms, completion p99 {completion} ms: {(step.Held ? "held" : string.Join("; ", step.Broken))}");
    }
}
