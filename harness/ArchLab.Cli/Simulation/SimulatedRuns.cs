using ArchLab.Cli.Terminal;
using ArchLab.Contracts.Workflow;
using ArchLab.Harness.Model.Agreement;
using ArchLab.Harness.Model.Expectations;
using ArchLab.Harness.Model.Results;
using ArchLab.Harness.Model.Scenarios;
using ArchLab.Harness.Orchestration;
using ArchLab.Reports;
using ArchLab.Simulation;
using ArchLab.Simulation.Calibration;
using ArchLab.Simulation.Recording;
using Spectre.Console;

namespace ArchLab.Cli.Simulation;

/// <summary>
/// A simulated run's folder, laid out as a measured run's: the effective <c>scenario.yaml</c>, the <c>.hlog</c> files,
/// <c>results.json</c> with its expectations evaluated, and every report.
/// </summary>
public static class SimulatedRuns
{
    /// <summary>Simulates <paramref name="scenario"/> and evaluates its expectations on the simulated arms.</summary>
    public static (RunResults Results, SimulatedRun Run) Simulate(Scenario scenario, SimulationOptions options)
    {
        var run = ScenarioSimulator.Run(scenario, options);
        var evaluated = RunOrchestrator.Evaluate(Suffixed(scenario, options.ArmSuffix), run.Results.Arms);
        return ((run.Results with { Arms = [.. evaluated.Select(WithoutProcessFigures)] }).WithHeadline(scenario.Headline), run);
    }

    /// <summary>
    /// A simulated arm has no processes: an expectation on what they spent (<c>cpuSec</c>), on what they were (their
    /// ports, settings, code), on their spans or on the browser pages that followed them has nothing to read, and is listed as not evaluated rather than failed for want of data
    /// the simulator never has.
    /// </summary>
    private static ArmResult WithoutProcessFigures(ArmResult arm)
    {
        var figures = new System.Text.RegularExpressions.Regex($@"(?<![\w~-])({string.Join("|", MetricNames.ProcessFigures)})(?![\w-])");
        var unevaluable = arm.Expectations.Where(e => figures.IsMatch(e.Expr)).ToList();
        return unevaluable.Count == 0 ? arm : arm with
        {
            Expectations = [.. arm.Expectations.Where(e => !figures.IsMatch(e.Expr))],
            Notes = [.. arm.Notes, .. unevaluable.Select(e => $"not evaluated: {e.Expr} ({WhyNot(e.Expr)})")],
        };
    }

    private static string WhyNot(string expectation) =>
        MetricNames.Devices.Any(m => expectation.Contains(m, StringComparison.Ordinal))
            ? "the simulator has no browser pages: their delay is the browser's timers and client, and what a cut costs them its reconnects"
            : "the simulator has no processes to read what they spent, listened on, were configured with or traced";

    /// <summary>
    /// <c>archlab run --with-sim</c>: simulates the run's effective scenario, calibrated from the run's own ledgers
    /// when it has them, and rewrites the run's results and reports with the simulated arms (<c>rest~sim</c>) after
    /// the measured ones, and each measured arm's headline figures against its twin's (<see cref="SimulationAgreement"/>).
    /// </summary>
    public static async Task<RunResults> AddToRunAsync(Scenario scenario, RunOutcome outcome, IAnsiConsole console, CancellationToken cancellationToken)
    {
        var options = new SimulationOptions { ArmSuffix = "~sim" };
        try
        {
            var calibration = LedgerCalibration.FromRun(outcome.Folder.Path);
            options = options with { Calibration = calibration.Arms, CalibrationSource = calibration.RunFolder };
        }
        catch (Exception e) when (e is FileNotFoundException or InvalidDataException)
        {
            console.MarkupLine($"[yellow]simulated with the scenario's service times: {Markup.Escape(e.Message)}[/]");
        }

        // Twins of the arms that ran: one this machine's broker could not serve has nothing to agree with.
        var notRun = outcome.Results.NotRun.Select(n => n.Arm).ToHashSet(StringComparer.Ordinal);
        var (simulated, run) = Simulate(notRun.Count == 0 ? scenario : scenario with { Arms = [.. scenario.Arms.Where(a => !notRun.Contains(a.Name))] }, options);
        var combined = outcome.Results with { Arms = [.. outcome.Results.Arms, .. simulated.Arms] };
        var legs = options.Calibration.Where(c => c.Value.AnswerHop is not null).Select(c => c.Key).ToHashSet(StringComparer.Ordinal);
        var legSamples = options.Calibration.Where(c => c.Value.AnswerHop is not null && c.Value.Samples.ContainsKey(Roles.Edge))
            .ToDictionary(c => c.Key, c => c.Value.Samples[Roles.Edge], StringComparer.Ordinal);
        combined = combined with { Agreement = SimulationAgreement.Compare(combined, scenario.Simulation, options.ArmSuffix, legs, legSamples) };
        foreach (var arm in run.Histograms)
        {
            HlogFiles.Write(outcome.Folder.Path, arm, ScenarioSimulator.StartedUtc, scenario.Load.Duration.TotalSeconds);
        }

        await ReportSet.WriteAsync(combined, outcome.Folder.Path, cancellationToken);
        SummaryView.Write(console, combined, outcome.Folder.Path);
        return combined;
    }

    public static async Task WriteAsync(string folder, Scenario scenario, RunResults results, SimulatedRun run, CancellationToken cancellationToken)
    {
        await File.WriteAllTextAsync(Path.Combine(folder, "scenario.yaml"), scenario.EffectiveYaml, cancellationToken);
        foreach (var arm in run.Histograms)
        {
            HlogFiles.Write(folder, arm, ScenarioSimulator.StartedUtc, scenario.Load.Duration.TotalSeconds);
        }

        await ReportSet.WriteAsync(results, folder, cancellationToken);
    }

    /// <summary>The scenario's expectations under the simulated arms' names (<c>rest~sim</c>), other arms' names included.</summary>
    private static Scenario Suffixed(Scenario scenario, string suffix)
    {
        if (suffix.Length == 0)
        {
            return scenario;
        }

        // Arms left out with --arms may be named too: their twins did not run either, and the verdict says so.
        var names = scenario.Arms.Select(a => a.Name).Concat(scenario.Expect.Values.SelectMany(e => e).SelectMany(e => e.ReferencedArms))
            .Distinct(StringComparer.Ordinal).Select(a => a + suffix).ToList();
        var renamed = scenario.Expect.ToDictionary(
            e => e.Key + suffix,
            e => (IReadOnlyList<Harness.Model.Expectations.Expectation>)e.Value
                .Select(x => Harness.Model.Expectations.Expectation.Parse(Rename(x.Text, x.ReferencedArms, suffix), names))
                .ToList());
        return scenario with { Expect = renamed };
    }

    // An expectation that names another arm (rest.errors) must read that arm's simulated twin.
    private static string Rename(string text, IReadOnlyList<string> arms, string suffix)
    {
        foreach (var arm in arms.OrderByDescending(a => a.Length))
        {
            text = System.Text.RegularExpressions.Regex.Replace(text, $@"(?<![\w~-]){System.Text.RegularExpressions.Regex.Escape(arm)}(?=\.)", arm + suffix);
        }

        return text;
    }
}
