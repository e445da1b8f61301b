using System.ComponentModel;
using System.Globalization;
using ArchLab.Cli.Simulation;
using ArchLab.Cli.Terminal;
using ArchLab.Harness.Model.Scenarios.Loading;
using ArchLab.Harness.Orchestration;
using ArchLab.Simulation;
using ArchLab.Simulation.Calibration;
using Spectre.Console;
using Spectre.Console.Cli;

namespace ArchLab.Cli.Commands;

public sealed class SimulateSettings : CommandSettings
{
    [CommandArgument(0, "<scenario>")]
    [Description("A scenario name from scenarios/ (e.g. retention) or a path to a .yaml file.")]
    public string Scenario { get; init; } = "";

    [CommandOption("-p|--profile <NAME>")]
    [Description("Apply a profile of the scenario, e.g. quick.")]
    public string? Profile { get; init; }

    [CommandOption("--scale <K>")]
    [Description("Multiply offered rates, closed-model users, the in-flight bound and every step's workers by K (default 1).")]
    public double Scale { get; init; } = 1;

    [CommandOption("--arms <LIST>")]
    [Description("Simulate only these arms, comma-separated, in this order.")]
    public string? Arms { get; init; }

    [CommandOption("--rate <RATE>")]
    [Description("Override load.rate, e.g. 500/s.")]
    public string? Rate { get; init; }

    [CommandOption("--duration <DURATION>")]
    [Description("Override load.duration, e.g. 1h.")]
    public string? Duration { get; init; }

    [CommandOption("--set <KEY=VALUE>")]
    [Description("Override any field by its path, e.g. --set workflow.steps.payment.workers=2. Repeatable.")]
    public string[] Set { get; init; } = [];

    [CommandOption("--fault <SPEC>")]
    [Description("Add a fault to the timeline, e.g. --fault at=5s,for=3s,kill=payment. Repeatable.")]
    public string[] Fault { get; init; } = [];

    [CommandOption("--seed <N>")]
    [Description("Override the scenario's seed: the same seed gives the same results, byte for byte.")]
    public int? Seed { get; init; }

    [CommandOption("--receivers <N>")]
    [Description("Receivers of the notify step (fan-out N) for every arm; default: the scenario's (workflow.receivers or its sweep).")]
    public int? Receivers { get; init; }

    [CommandOption("--fan-out <MODE>")]
    [Description("Synchronous styles: call the receivers sequential or parallel in every arm; default: each arm's fanOut.")]
    public string? FanOut { get; init; }

    [CommandOption("--calibrate-from <RUN>")]
    [Description("A measured run folder (or its name, or latest): each arm's ledgers give its steps' service times and its restart delay.")]
    public string? CalibrateFrom { get; init; }

    [CommandOption("--capacity")]
    [Description("Search each arm's capacity and draw its latency-throughput curve, as archlab capacity does on real processes (its defaults; capacity --with-sim takes its options and puts both side by side).")]
    public bool Capacity { get; init; }

    [CommandOption("-o|--output <DIR>")]
    [Description("Write the run into this folder instead of a new one under reports/runs/.")]
    public string? Output { get; init; }

    public override ValidationResult Validate() =>
        !(Scale > 0) ? ValidationResult.Error($"--scale must be a positive number, not {Scale.ToString(CultureInfo.InvariantCulture)}")
        : Receivers < 1 ? ValidationResult.Error($"--receivers must be at least 1, not {Receivers}")
        : FanOut is not (null or "sequential" or "parallel") ? ValidationResult.Error($"--fan-out must be sequential or parallel, not '{FanOut}'")
        : ValidationResult.Success();
}

/// <summary><c>archlab simulate</c>: the scenario in the discrete-event simulator, written as a run folder with every report.</summary>
public sealed class SimulateCommand : AsyncCommand<SimulateSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, SimulateSettings settings, CancellationToken cancellationToken)
    {
        var scenario = ScenarioLoader.Load(
            Workspace.ResolveScenario(settings.Scenario),
            new ScenarioOverrides(settings.Profile, settings.Arms?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
                settings.Rate, settings.Duration, settings.Set, settings.Seed, settings.Fault));
        var options = new SimulationOptions
        {
            Scale = settings.Scale,
            Receivers = settings.Receivers,
            ParallelFanOut = settings.FanOut is null ? null : settings.FanOut == "parallel",
        };
        if (settings.CalibrateFrom is { } source)
        {
            var calibration = LedgerCalibration.FromRun(Workspace.ResolveRun(source));
            options = options with { Calibration = calibration.Arms, CalibrationSource = calibration.RunFolder };
            AnsiConsole.MarkupLine($"[grey]calibrated:[/] {Markup.Escape(calibration.Describe())}");
        }

        var console = AnsiConsole.Console;
        console.MarkupLine($"[bold]{Markup.Escape(scenario.Title)}[/] [grey](simulated, seed {scenario.Seed}, scale {settings.Scale.ToString(CultureInfo.InvariantCulture)})[/]");
        if (settings.Capacity)
        {
            return await CapacityAsync(scenario, settings, options, cancellationToken);
        }

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var (results, run) = Simulate(scenario, options);
        var folder = RunFolder.Create(new RunOptions { OutputRoot = Workspace.RunsDirectory, OutputDirectory = settings.Output }, scenario.Name + "-sim", DateTimeOffset.UtcNow);
        await SimulatedRuns.WriteAsync(folder.Path, scenario, results, run, cancellationToken);
        folder.Complete();
        console.MarkupLine($"[grey]{run.Events.ToString("N0", CultureInfo.InvariantCulture)} events in {clock.Elapsed.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture)} s[/]");
        SummaryView.Write(console, results, folder.Path);
        return RunCommand.Passed(results) ? ExitCodes.Ok : ExitCodes.ExpectationFailed;
    }

    private static async Task<int> CapacityAsync(Harness.Model.Scenarios.Scenario scenario, SimulateSettings settings, SimulationOptions options, CancellationToken cancellationToken)
    {
        var capacity = Harness.Capacity.CapacityOptions.Of(scenario.Capacity);
        var started = DateTimeOffset.UtcNow;
        IReadOnlyList<Harness.Model.Capacity.CapacityArm> arms;
        try
        {
            arms = Simulation.SimulatedCapacity.Search(scenario with { Faults = [] }, capacity, options, line => AnsiConsole.MarkupLine(Markup.Escape(line)));
        }
        catch (SimulationException e)
        {
            throw new UsageException($"cannot simulate {scenario.Name}: {e.Message}");
        }

        var results = new Harness.Model.Capacity.CapacityResults(Harness.Model.Capacity.CapacityResults.CurrentSchemaVersion, scenario.Name, settings.Profile, "simulated",
            started, capacity.AcceptPath ? "accept" : "completion", capacity.Objective?.ToString(), scenario.Load.Duration.TotalSeconds, scenario.Load.Warmup.TotalSeconds, capacity.Precision, arms);
        var folder = RunFolder.Create(new RunOptions { OutputRoot = Workspace.RunsDirectory, OutputDirectory = settings.Output }, scenario.Name + "-capacity-sim", started);
        await ArchLab.Reports.Capacity.CapacityReport.WriteAsync(results, folder.Path, cancellationToken);
        folder.Complete();
        CapacityCommand.Summary(results);
        AnsiConsole.MarkupLine($"capacity: {Markup.Escape(folder.Path)}");
        return arms.All(a => a.FoundPerSec is not null) ? ExitCodes.Ok : ExitCodes.ExpectationFailed;
    }

    private static (Harness.Model.Results.RunResults, SimulatedRun) Simulate(Harness.Model.Scenarios.Scenario scenario, SimulationOptions options)
    {
        try
        {
            return SimulatedRuns.Simulate(scenario, options);
        }
        catch (SimulationException e)
        {
            throw new UsageException($"cannot simulate {scenario.Name}: {e.Message}");
        }
    }
}
