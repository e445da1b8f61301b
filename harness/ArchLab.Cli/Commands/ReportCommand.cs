using System.ComponentModel;
using ArchLab.Reports;
using Spectre.Console;
using Spectre.Console.Cli;

namespace ArchLab.Cli.Commands;

public sealed class ReportSettings : CommandSettings
{
    [CommandArgument(0, "<run>")]
    [Description("A run folder, or its name under reports/runs (latest for the newest).")]
    public string Run { get; init; } = "";
}

/// <summary><c>archlab report</c>: rebuilds every report and chart of a run from its results.json and latency logs.</summary>
public sealed class ReportCommand : AsyncCommand<ReportSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, ReportSettings settings, CancellationToken cancellationToken)
    {
        var folder = Workspace.ResolveRun(settings.Run);
        Workspace.ReadResults(folder); // a clear error for a file that is not archlab's, before anything is rewritten
        var outcome = await ReportSet.RebuildAsync(folder, cancellationToken);
        foreach (var note in outcome.Notes)
        {
            AnsiConsole.MarkupLine($"[yellow]note:[/] {Markup.Escape(note)}");
        }

        foreach (var chart in outcome.Failed)
        {
            AnsiConsole.MarkupLine($"[red]chart {Markup.Escape(chart.Name)} not drawn:[/] {Markup.Escape(chart.Error ?? "")}");
        }

        AnsiConsole.MarkupLine($"report: {Markup.Escape(Path.Combine(folder, "report.html"))} ({outcome.Charts.Count(c => c.Drawn)} charts)");
        return outcome.Failed.Any() ? ExitCodes.RunFailed : ExitCodes.Ok;
    }
}
