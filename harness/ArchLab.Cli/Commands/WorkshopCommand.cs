using System.ComponentModel;
using System.Globalization;
using ArchLab.Harness.Dashboard;
using ArchLab.Harness.Model.Scenarios;
using ArchLab.Harness.Model.Scenarios.Loading;
using ArchLab.Reports.Suites;
using Spectre.Console;
using Spectre.Console.Cli;

namespace ArchLab.Cli.Commands;

public sealed class WorkshopSettings : CommandSettings
{
    [CommandArgument(0, "[scenarios]")]
    [Description("The lessons, in order: scenario names from scenarios/ or paths (default: every scenario that has the profile).")]
    public string[] Scenarios { get; init; } = [];

    [CommandOption("--suite <PROFILE>")]
    [Description("The profile every lesson runs with. Default: quick.")]
    public string Suite { get; init; } = "quick";

    [CommandOption("--scenarios <DIR>")]
    [Description("The folder whose *.yaml files are the lessons (default: scenarios/).")]
    public string? ScenariosFolder { get; init; }

    [CommandOption("-o|--output <DIR>")]
    [Description("Write the workshop into this folder instead of a new one under reports/runs/.")]
    public string? Output { get; init; }

    [CommandOption("--no-pause")]
    [Description("Go from question to run to reveal to the next lesson without waiting for Enter (the default when input is not a terminal).")]
    public bool NoPause { get; init; }

    [CommandOption("--dashboard-port <PORT>")]
    [Description("The live dashboard's loopback port (default: one the system chooses).")]
    public int DashboardPort { get; init; }

    [CommandOption("--dashboard-linger <DURATION>")]
    [Description("How long the dashboard keeps serving after the last lesson (default: until Enter at a terminal).")]
    public string? DashboardLinger { get; init; }
}

/// <summary>
/// <c>archlab workshop</c>: each lesson in turn: its claim and the question for the room to predict, then the run with
/// the live dashboard, then the reveal (the headline with the run's figure, whether the claim held, its chart), then the
/// next. What the session showed is kept as a slide deck (<c>workshop.html</c>, one slide per lesson, offline) and as a
/// suite's lesson page, in one folder.
/// </summary>
public sealed class WorkshopCommand : AsyncCommand<WorkshopSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, WorkshopSettings settings, CancellationToken cancellationToken)
    {
        var files = Lessons(settings);
        var run = new RunSettings
        {
            Suite = settings.Suite,
            Dashboard = true,
            DashboardPort = settings.DashboardPort,
            DashboardLinger = settings.DashboardLinger,
            Quiet = true,
        };
        var folder = settings.Output ?? Path.Combine(Workspace.RunsDirectory,
            $"{DateTime.Now.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}-workshop-{settings.Suite}");
        Directory.CreateDirectory(folder);
        var pause = !settings.NoPause && !Console.IsInputRedirected;
        await using var dashboard = await RunCommand.StartDashboardAsync(run, cancellationToken);
        var lessons = new List<DeckLesson>();
        foreach (var (file, index) in files.Select((f, i) => (f, i)))
        {
            var name = Path.GetFileNameWithoutExtension(file);
            Scenario scenario;
            try
            {
                scenario = ScenarioLoader.Load(file, RunCommand.Overrides(run, settings.Suite));
            }
            catch (ScenarioException e)
            {
                AnsiConsole.MarkupLine($"[red]{Markup.Escape(name)} is not a lesson:[/] {Markup.Escape(e.Message)}");
                lessons.Add(new DeckLesson(new SuiteEntry(name, name, null, e.Message), null, []));
                continue;
            }

            Ask(index + 1, files.Count, scenario);
            await PauseAsync(pause, "press Enter to run it", cancellationToken);
            dashboard.Begin(scenario);
            SuiteEntry entry;
            try
            {
                var outcome = await RunCommand.RunAsync(scenario, run, Path.Combine(folder, name), cancellationToken, dashboard);
                dashboard.Complete(outcome.Results, outcome.Folder.Path);
                entry = new SuiteEntry(name, name, outcome.Results, null);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                AnsiConsole.MarkupLine($"[red]{Markup.Escape(name)} did not run:[/] {Markup.Escape(e.Message)}");
                entry = new SuiteEntry(name, name, null, e.Message);
            }

            Reveal(entry, folder);
            lessons.Add(new DeckLesson(entry, scenario.Question?.Text, scenario.Question?.Choices ?? []));
            if (index + 1 < files.Count)
            {
                await PauseAsync(pause, "press Enter for the next lesson", cancellationToken);
            }
        }

        var entries = lessons.Select(l => l.Entry).ToList();
        await SuiteIndex.WriteAsync(folder, settings.Suite, entries, cancellationToken);
        var deck = await WorkshopDeck.WriteAsync(folder, settings.Suite, lessons, DateTimeOffset.UtcNow, cancellationToken);
        AnsiConsole.MarkupLine($"[bold]the deck:[/] {Markup.Escape(deck)}  [grey](one slide per lesson, opens offline)[/]");
        AnsiConsole.MarkupLine($"[bold]the lessons:[/] {Markup.Escape(Path.Combine(folder, "index.html"))}");
        await RunCommand.LingerAsync(run, dashboard, cancellationToken);
        return entries.All(e => e.Passed) ? ExitCodes.Ok : ExitCodes.ExpectationFailed;
    }

    private static List<string> Lessons(WorkshopSettings settings)
    {
        if (settings.Scenarios.Length > 0)
        {
            return [.. settings.Scenarios.Select(Workspace.ResolveScenario)];
        }

        var folder = settings.ScenariosFolder ?? Workspace.ScenariosDirectory;
        if (!Directory.Exists(folder))
        {
            throw new FileNotFoundException($"no scenarios folder {folder}");
        }

        // The lessons of a profile: the scenarios that declare it.
        return [.. Directory.EnumerateFiles(folder, "*.yaml").Order(StringComparer.Ordinal).Where(f => Declares(f, settings.Suite))];
    }

    private static bool Declares(string file, string profile)
    {
        try
        {
            return ScenarioLoader.Load(file, new ScenarioOverrides(profile, null, null, null, [], null, [])) is not null;
        }
        catch (ScenarioException)
        {
            // A file that does not load, or lacks the profile, is not a lesson of it.
            return false;
        }
    }

    private static void Ask(int number, int count, Scenario scenario)
    {
        AnsiConsole.WriteLine();
        AnsiConsole.Write(new Rule($"[bold]lesson {number} of {count}: {Markup.Escape(scenario.Title)}[/]").LeftJustified());
        AnsiConsole.MarkupLine($"[bold]claim:[/] {Markup.Escape(scenario.Claim)}");
        if (scenario.Question is { } question)
        {
            AnsiConsole.MarkupLine($"[bold]predict:[/] {Markup.Escape(question.Text)}");
            foreach (var (choice, i) in question.Choices.Select((c, i) => (c, i)))
            {
                AnsiConsole.MarkupLine($"   {(char)('A' + i)}. {Markup.Escape(choice)}");
            }
        }
    }

    private static void Reveal(SuiteEntry entry, string folder)
    {
        var colour = entry.Passed ? "green" : "red";
        AnsiConsole.MarkupLine($"[bold]answer:[/] {Markup.Escape(SuiteIndex.Sentence(entry))} [{colour}]({Markup.Escape(SuiteIndex.Verdict(entry))})[/]");
        if (SuiteIndex.HeadlineChart(folder, entry) is { } chart && File.Exists(chart))
        {
            AnsiConsole.MarkupLine($"[grey]its chart: {Markup.Escape(chart)}[/]");
        }
    }

    private static async Task PauseAsync(bool pause, string what, CancellationToken cancellationToken)
    {
        if (!pause)
        {
            return;
        }

        AnsiConsole.Markup($"[grey]{Markup.Escape(what)}[/]");
        await Task.Run(Console.ReadLine, cancellationToken).WaitAsync(cancellationToken);
    }
}
