using System.Runtime.InteropServices;
using ArchLab.Harness.Model;
using ArchLab.Harness.Model.Expectations;
using ArchLab.Harness.Model.Results;
using ArchLab.Harness.Model.Scenarios;
using ArchLab.Harness.Results;
using ArchLab.Harness.Tracing;
using ArchLab.Reports;

namespace ArchLab.Harness.Orchestration;

/// <summary>What a run left behind.</summary>
public sealed record RunOutcome(RunResults Results, RunFolder Folder);

/// <summary>The run was interrupted; what it measured until then is in <paramref name="folder"/>'s results.json.</summary>
public sealed class RunInterruptedException(string folder, CancellationToken cancellationToken)
    : OperationCanceledException($"interrupted; what was measured is kept in {Path.Combine(folder, "results.json")}", cancellationToken)
{
    public string Folder { get; } = folder;
}

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
        await using var traces = runArms.Any(a => a.Tracing != TracingMode.Off) ? await TraceCollector.StartAsync(options.OtlpEndpoint, cancellationToken) : null;
        if (traces is not null)
        {
            log.Write("run", $"trace collector on {traces.Endpoint}{(options.OtlpEndpoint is { } otlp ? $", forwarding to {otlp}" : "")}");
            options = options with { Traces = traces };
        }

        var notRun = await NotRunAsync(runArms, options, cancellationToken);
        var rabbitArms = runArms.Where(a => a.NeedsRabbitMq && notRun.All(n => n.Arm != a.Name)).Select(a => a.Name).ToList();
        await using var rabbit = rabbitArms.Count > 0 ? new Rabbit.RunRabbit(options.RabbitServer, folder.RabbitStore, Path.Combine(folder.Logs, "rabbitmq.log"), rabbitArms) : null;
        if (rabbit is not null)
        {
            options = options with { Rabbit = rabbit };
        }

        var arms = new List<ArmResult>();
        string? natsVersion = null;
        RunResults Results(string? interrupted) => (RunResults.Of(scenario, started, Environment(natsVersion, rabbit), Evaluate(scenario, arms)) with
        {
            Interrupted = interrupted,
            NotRun = notRun,
        }).WithHeadline(scenario.Headline);
        foreach (var arm in runArms)
        {
            if (notRun.FirstOrDefault(n => n.Arm == arm.Name) is { } skipped)
            {
                log.Write(arm.Name, $"not run: {skipped.Reason}");
                continue;
            }

            log.Write(arm.Name, $"start ({arm.Style})");
            ArmOutcome outcome;
            try
            {
                outcome = await ArmRunner.RunAsync(scenario, arm, folder, options, progress, cancellationToken, log);
            }
            catch (Exception e) when (e is not (InputException or Broker.BrokerUnavailableException))
            {
                // What was measured stays: the arms that finished, in results.json and the reports, marked unfinished.
                var why = e is OperationCanceledException && cancellationToken.IsCancellationRequested
                    ? $"interrupted during arm {arm.Name}, before its load"
                    : $"failed during arm {arm.Name}: {e.Message}";
                await KeepAsync(Results(why), folder, log);
                throw;
            }

            natsVersion ??= outcome.BrokerVersion;
            arms.Add(ArmResultBuilder.Build(outcome));
            progress?.Report(new ArmProgress(arm.Name, ArmPhase.Done, TimeSpan.Zero, TimeSpan.Zero));
            if (outcome.Interrupted)
            {
                var partial = Results($"interrupted during arm {arm.Name}'s load; its figures are the caller's until then");
                await KeepAsync(partial, folder, log);
                throw new RunInterruptedException(folder.Path, cancellationToken);
            }
        }

        var results = Results(interrupted: null);
        await ReportSet.WriteAsync(results, folder.Path, cancellationToken);
        folder.Complete();
        return new RunOutcome(results, folder);
    }

    /// <summary>The arms this machine's brokers cannot serve, each with why (RabbitMQ missing, <see cref="Broker.BrokerFeatures"/>).</summary>
    private static async Task<IReadOnlyList<ArmNotRun>> NotRunAsync(IReadOnlyList<ArmSpec> arms, RunOptions options, CancellationToken cancellationToken)
    {
        // Without RabbitMQ installed its arms are refused before anything starts, with how to install it; the others run.
        IReadOnlyList<ArmNotRun> noRabbit = arms.Any(a => a.NeedsRabbitMq) && Rabbit.RabbitInstall.Find(options.RabbitServer) is null
            ? [.. arms.Where(a => a.NeedsRabbitMq).Select(a => new ArmNotRun(a.Name, a.Style, Rabbit.RabbitInstall.Missing))]
            : [];
        if (!arms.Any(a => a.JetStream?.SyncInterval is not null))
        {
            return noRabbit;
        }

        var external = options.Broker.ExternalUrl is not null;
        var version = !external && Broker.NatsServerLocator.Find(options.Broker.ServerPath) is { } binary
            ? await Broker.NatsServerLocator.VersionAsync(binary, cancellationToken)
            : null;
        return [.. noRabbit, .. arms.Select(a => (Arm: a, Why: Broker.BrokerFeatures.WhyNot(a, version, external)))
            .Where(a => a.Why is not null)
            .Select(a => new ArmNotRun(a.Arm.Name, a.Arm.Style, a.Why!))];
    }

    private static RunEnvironment Environment(string? natsVersion, Rabbit.RunRabbit? rabbit) => new(
        System.Environment.MachineName,
        System.Environment.ProcessorCount,
        RuntimeInformation.OSDescription,
        RuntimeInformation.FrameworkDescription,
        natsVersion)
    {
        RabbitMq = rabbit?.Startup is { } startup ? new RabbitNodeFigures(rabbit.Version, Math.Round(startup.TotalSeconds, 3)) : null,
    };

    /// <summary>Writes an unfinished run's results and reports; a failure here is logged, not thrown over the first one.</summary>
    private static async Task KeepAsync(RunResults results, RunFolder folder, RunLog log)
    {
        try
        {
            await ReportSet.WriteAsync(results, folder.Path, CancellationToken.None);
            log.Write("run", $"{results.Interrupted}; kept {results.Arms.Count} arm(s) in results.json");
        }
#pragma warning disable CA1031 // The run's own failure is the one to report; this one is only logged.
        catch (Exception e)
#pragma warning restore CA1031
        {
            log.Write("run", $"could not keep the unfinished run's results: {e.GetType().Name}: {e.Message}");
        }
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
