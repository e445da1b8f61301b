using System.ComponentModel;
using System.Globalization;
using ArchLab.Harness.Broker;
using ArchLab.Harness.Capacity;
using ArchLab.Harness.Model.Capacity;
using ArchLab.Harness.Model.Scenarios.Loading;
using ArchLab.Harness.Orchestration;
using Spectre.Console;
using Spectre.Console.Cli;

namespace ArchLab.Cli.Commands;

public sealed class CapacitySettings : CommandSettings
{
    [CommandArgument(0, "<scenario>")]
    [Description("A scenario name from scenarios/ (e.g. throughput) or a path to a .yaml file: its arms, its first rate, its warm-up, window and drain.")]
    public string Scenario { get; init; } = "";

    [CommandOption("-p|--profile <NAME>")]
    [Description("Apply a profile of the scenario, e.g. quick (short windows).")]
    public string? Profile { get; init; }

    [CommandOption("--arms <LIST>")]
    [Description("Search only these arms, comma-separated, in this order.")]
    public string? Arms { get; init; }

    [CommandOption("--set <KEY=VALUE>")]
    [Description("Override any field by its path, e.g. --set load.duration=5s. Repeatable.")]
    public string[] Set { get; init; } = [];

    [CommandOption("--slo <OBJECTIVE>")]
    [Description("A service-level objective every window must hold besides the throughput conditions, e.g. \"accept.p99 < 50ms\" or \"completion.p50 <= 1s\".")]
    public string? Slo { get; init; }

    [CommandOption("--of <PATH>")]
    [Description("completion (default): the rate the workflow completes; accept: the rate its callers are answered, the backlog behind them left out.")]
    public string? Of { get; init; }

    [CommandOption("--from <RATE>")]
    [Description("The first rate tried, e.g. 200/s. Default: the scenario's rate.")]
    public string? From { get; init; }

    [CommandOption("--max <RATE>")]
    [Description("No rate above this is tried. Default: 64 times the first.")]
    public string? Max { get; init; }

    [CommandOption("--precision <PERCENT>")]
    [Description("The search ends when the rate that broke is within this much above the one that held. Default: the scenario's capacity.precision, else 5%.")]
    public string? Precision { get; init; }

    [CommandOption("--curve-points <N>")]
    [Description("Evenly spaced rates up to 1.2x the capacity found, measured for the latency-throughput curve. Default: the scenario's capacity.curvePoints, else 5.")]
    public int? CurvePoints { get; init; }

    [CommandOption("-o|--output <DIR>")]
    [Description("Exact folder for the results instead of a new one under reports/runs/.")]
    public string? Output { get; init; }

    [CommandOption("--with-sim")]
    [Description("Search the same arms in the simulator too, and draw their curves (<arm>~sim) beside the measured ones.")]
    public bool WithSim { get; init; }

    [CommandOption("--nats-url <URL>")]
    [Description("Use this NATS server instead of starting one.")]
    public string? NatsUrl { get; init; }
}

/// <summary><c>archlab capacity</c>: the highest rate each arm sustains, and its latency-throughput curve.</summary>
public sealed class CapacityCommand : AsyncCommand<CapacitySettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, CapacitySettings settings, CancellationToken cancellationToken)
    {
        var scenario = ScenarioLoader.Load(Workspace.ResolveScenario(settings.Scenario),
            new ScenarioOverrides(settings.Profile, settings.Arms?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), Set: settings.Set));
        var options = Options(settings, CapacityOptions.Of(scenario.Capacity));
        AnsiConsole.MarkupLine($"[bold]capacity of {Markup.Escape(scenario.Name)}[/]{(settings.Profile is { } p ? $" (profile {Markup.Escape(p)})" : "")}: "
            + $"{scenario.Load.Warmup.TotalSeconds:0.###} s warm-up and {scenario.Load.Duration.TotalSeconds:0.###} s measured per window"
            + (options.Objective is { } o ? $", objective {Markup.Escape(o.ToString())}" : ""));
        if (scenario.Faults.Count > 0)
        {
            AnsiConsole.MarkupLine("[grey]the scenario's faults are left out: capacity is a calm system's[/]");
        }

        void Log(string line) => AnsiConsole.MarkupLine(Markup.Escape(line));
        var (results, folder) = await CapacityRunner.RunAsync(scenario, options,
            new RunOptions { OutputRoot = Workspace.RunsDirectory, OutputDirectory = settings.Output, Broker = new BrokerOptions(settings.NatsUrl, null) },
            settings.Profile, Log, cancellationToken);
        if (settings.WithSim)
        {
            var simulated = Simulation.SimulatedCapacity.Search(scenario with { Faults = [] }, options, new ArchLab.Simulation.SimulationOptions { ArmSuffix = "~sim" }, Log);
            results = results with { Arms = [.. results.Arms, .. simulated] };
            await ArchLab.Reports.Capacity.CapacityReport.WriteAsync(results, folder, cancellationToken);
        }

        Summary(results);
        return results.Arms.All(a => a.FoundPerSec is not null) ? ExitCodes.Ok : ExitCodes.ExpectationFailed;
    }

    /// <summary>Each arm's capacity, and what broke above it.</summary>
    public static void Summary(CapacityResults results)
    {
        var table = new Table().AddColumns("arm", "capacity (orders/s)", "broke at", "what broke", "windows");
        foreach (var arm in results.Arms)
        {
            table.AddRow(Markup.Escape(arm.Arm),
                arm.FoundPerSec is null ? $"[red]{arm.Capacity}[/]" : arm.Capacity,
                arm.AbovePerSec?.ToString("0.#", CultureInfo.InvariantCulture) ?? "", Markup.Escape(string.Join("; ", arm.Broken)), arm.Windows.Count.ToString(CultureInfo.InvariantCulture));
        }

        AnsiConsole.Write(table);
    }

    /// <summary>The scenario's defaults with what the command line says instead.</summary>
    public static CapacityOptions Options(CapacitySettings settings, CapacityOptions defaults)
    {
        CapacityObjective? objective;
        try
        {
            objective = settings.Slo is { } slo ? CapacityObjective.Parse(slo) : defaults.Objective;
        }
        catch (FormatException e)
        {
            throw new UsageException($"--slo: {e.Message}");
        }

        double? RateOf(string option, string? text) => text is null ? null
            : Units.TryParseRate(text, out var rate, out _) && rate.PerSec > 0 ? rate.PerSec
            : throw new UsageException($"{option} expects a rate such as 200/s, got '{text}'");
        var precision = settings.Precision is not { } share ? defaults.Precision
            : double.TryParse(share.TrimEnd('%'), NumberStyles.Float, CultureInfo.InvariantCulture, out var percent) && percent is > 0 and < 100 ? percent / 100
            : throw new UsageException($"--precision expects a share such as 5%, got '{share}'");
        if (settings.CurvePoints is < 0 or > 50)
        {
            throw new UsageException($"--curve-points expects 0 to 50, got {settings.CurvePoints}");
        }

        if (settings.Of is not (null or "completion" or "accept"))
        {
            throw new UsageException($"--of expects completion or accept, got '{settings.Of}'");
        }

        var options = defaults with
        {
            Objective = objective,
            From = RateOf("--from", settings.From) ?? defaults.From,
            Max = RateOf("--max", settings.Max) ?? defaults.Max,
            Precision = precision,
            CurvePoints = settings.CurvePoints ?? defaults.CurvePoints,
            AcceptPath = settings.Of is null ? defaults.AcceptPath : settings.Of == "accept",
        };
        return options.From is { } from && options.Max is { } max && max < from
            ? throw new UsageException($"--max ({max}/s) is below --from ({from}/s)")
            : options;
    }
}
