using System.Runtime.InteropServices;
using ArchLab.Harness.Model.Expectations;
using ArchLab.Harness.Model.Results;
using ArchLab.Harness.Model.Scenarios;
using ArchLab.Harness.Results;
using ArchLab.Reports;

namespace ArchLab.Harness.Orchestration;

/// <summary>What a run left behind.</summary>
public sealed record RunOutcome(RunResults Results, RunFolder Folder);

/// <summary>
/// Runs a scenario: every arm in turn under identical load, then the expectations over all arms, then
/// the effective <c>scenario.yaml</c>, <c>results.json</c> and every report (ReportSet) in the run folder.
/// </summary>
public static class RunOrchestrator
{
    public static async Task<RunOutcome> RunAsync(Scenario scenario, RunOptions options, IProgress<ArmProgress>? progress, CancellationToken cancellationToken)
    {
        // A fault on a role some arm lacks is refused before anything starts.
        var runArms = scenario.RunArms();
        foreach (var arm in runArms)
        {
            Faults.ArmFaults.CheckTargets(scenario, arm);
        }

        var started = DateTimeOffset.UtcNow;
        var folder = RunFolder.Create(options, scenario.Name, started);
        await File.WriteAllTextAsync(folder.ScenarioYaml, scenario.EffectiveYaml, cancellationToken);

        using var log = new RunLog(Path.Combine(folder.Logs, "harness.log"));
        log.Write("run", $"{scenario.Name}{(scenario.Profile is { } p ? $" (profile {p})" : "")}, seed {scenario.Seed}, {runArms.Count} arms, host {ServiceHostLocator.Find(options.ServiceHostPath)}");
        var arms = new List<ArmResult>();
        string? natsVersion = null;
        foreach (var arm in runArms)
        {
            log.Write(arm.Name, $"start ({arm.Style})");
            var outcome = await ArmRunner.RunAsync(scenario, arm, folder, options, progress, cancellationToken, log);
            natsVersion ??= outcome.BrokerVersion;
            arms.Add(ArmResultBuilder.Build(outcome));
            progress?.Report(new ArmProgress(arm.Name, ArmPhase.Done, TimeSpan.Zero, TimeSpan.Zero));
        }

        var environment = new RunEnvironment(
            Environment.MachineName,
            Environment.ProcessorCount,
            RuntimeInformation.OSDescription,
            RuntimeInformation.FrameworkDescription,
            natsVersion);
        var results = RunResults.Of(scenario, started, environment, Evaluate(scenario, arms));
        await ReportSet.WriteAsync(results, folder.Path, cancellationToken);

        return new RunOutcome(results, folder);
    }

    /// <summary>
    /// Evaluates each arm's expectations against all arms' metrics (an expectation may name another arm). In a sweep an
    /// arm's expectations are its declared arm's, and another arm named in them is that arm at the same value.
    /// </summary>
    public static IReadOnlyList<ArmResult> Evaluate(Scenario scenario, IReadOnlyList<ArmResult> arms)
    {
        var metrics = arms.ToDictionary(a => a.Name, a => (IArmMetrics)new ArmMetrics(a), StringComparer.Ordinal);
        return arms.Select(arm => arm with
        {
            Expectations = scenario.Expect.TryGetValue(arm.Sweep?.Arm ?? arm.Name, out var expectations)
                ? expectations.Select(e => e.Evaluate(metrics[arm.Name], name =>
                    metrics.GetValueOrDefault(arm.Sweep is { } point ? SweepSpec.ArmName(name, point.Value) : name) ?? metrics.GetValueOrDefault(name))).ToList()
                : [],
        }).ToList();
    }
}
