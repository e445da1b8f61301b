using System.Globalization;
using ArchLab.Harness.Broker;
using ArchLab.Harness.Capacity;
using ArchLab.Harness.Model.Scenarios;
using ArchLab.Harness.Model.Scenarios.Loading;
using ArchLab.Harness.Orchestration;
using ArchLab.Reports.Suites;
using Spectre.Console;

namespace ArchLab.Cli.Commands;

/// <summary>
/// <c>archlab run --suite &lt;profile&gt;</c>: every scenario of scenarios/ with that profile, one after the other, each
/// into its own folder of the suite's, then the index page. A scenario that cannot run is recorded and the suite goes on.
/// </summary>
public static class SuiteRun
{
    public static async Task<int> ExecuteAsync(string profile, RunSettings settings, CancellationToken cancellationToken)
    {
        var files = settings.ScenariosFolder is { } folder
            ? Directory.Exists(folder)
                ? Directory.EnumerateFiles(folder, "*.yaml").Order(StringComparer.Ordinal).ToList()
                : throw new FileNotFoundException($"no scenarios folder {folder}")
            : Workspace.ScenarioFiles().ToList();
        var suite = settings.Output ?? Path.Combine(Workspace.RunsDirectory,
            $"{DateTime.Now.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}-suite-{profile}");
        Directory.CreateDirectory(suite);
        var entries = new List<SuiteEntry>();
        await using var dashboard = settings.Dashboard ? await RunCommand.StartDashboardAsync(settings, cancellationToken) : null;
        foreach (var file in files)
        {
            var name = Path.GetFileNameWithoutExtension(file);
            try
            {
                var scenario = ScenarioLoader.Load(file, RunCommand.Overrides(settings, profile));
                dashboard?.Begin(scenario);
                var outcome = await RunCommand.RunAsync(scenario, settings, Path.Combine(suite, name), cancellationToken, dashboard);
                dashboard?.Complete(outcome.Results, outcome.Folder.Path);
                entries.Add(new SuiteEntry(name, name, outcome.Results, null) { Capacity = await CapacityOfAsync(scenario, suite, name, profile, settings, cancellationToken) });
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                AnsiConsole.MarkupLine($"[red]{Markup.Escape(name)} did not run:[/] {Markup.Escape(e.Message)}");
                entries.Add(new SuiteEntry(name, name, null, e.Message));
            }
        }

        await SuiteIndex.WriteAsync(suite, profile, entries, cancellationToken);
        var held = entries.Count(e => e.Passed);
        AnsiConsole.MarkupLine($"suite {Markup.Escape(profile)}: {held} of {entries.Count} scenarios held every expectation; " +
            $"index: {Markup.Escape(Path.Combine(suite, "index.html"))}");
        if (dashboard is not null)
        {
            await RunCommand.LingerAsync(settings, dashboard, cancellationToken);
        }

        return held == entries.Count ? ExitCodes.Ok : ExitCodes.ExpectationFailed;
    }

    /// <summary>
    /// A scenario with <c>capacity:</c> has its search run after it, into <c>&lt;scenario&gt;-capacity</c>, for the
    /// index's curve; one that fails is said and left out, the suite goes on.
    /// </summary>
    private static async Task<SuiteCapacity?> CapacityOfAsync(Scenario scenario, string suite, string name, string profile, RunSettings settings, CancellationToken cancellationToken)
    {
        if (scenario.Capacity is null)
        {
            return null;
        }

        var folder = $"{name}-capacity";
        try
        {
            AnsiConsole.MarkupLine($"[bold]capacity of {Markup.Escape(name)}[/]");
            var (results, _) = await CapacityRunner.RunAsync(scenario, CapacityOptions.Of(scenario.Capacity),
                new RunOptions { OutputDirectory = Path.Combine(suite, folder), Broker = new BrokerOptions(settings.NatsUrl, settings.NatsMonitorUrl) },
                profile, line => AnsiConsole.MarkupLine($"[grey]{Markup.Escape(line)}[/]"), cancellationToken);
            return new SuiteCapacity(folder, results);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            AnsiConsole.MarkupLine($"[red]the capacity search of {Markup.Escape(name)} did not run:[/] {Markup.Escape(e.Message)}");
            return null;
        }
    }
}
