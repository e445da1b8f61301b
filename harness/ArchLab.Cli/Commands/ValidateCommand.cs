using System.ComponentModel;
using ArchLab.Harness.Model.Scenarios.Loading;
using Spectre.Console;
using Spectre.Console.Cli;

namespace ArchLab.Cli.Commands;

public sealed class ValidateSettings : CommandSettings
{
    [CommandArgument(0, "<scenario>")]
    [Description("Scenario names or .yaml paths; every profile of each is checked too.")]
    public string[] Scenarios { get; init; } = [];
}

/// <summary><c>archlab validate</c>: check scenario files and every profile in them, without running anything.</summary>
public sealed class ValidateCommand : Command<ValidateSettings>
{
    public override int Execute(CommandContext context, ValidateSettings settings, CancellationToken cancellationToken)
    {
        var failed = false;
        foreach (var name in settings.Scenarios)
        {
            var path = Workspace.ResolveScenario(name);
            var errors = ScenarioLoader.Validate(path);
            if (errors.Count == 0)
            {
                AnsiConsole.MarkupLine($"[green]valid[/] {Markup.Escape(path)}");
                continue;
            }

            failed = true;
            AnsiConsole.MarkupLine($"[red]invalid[/] {Markup.Escape(path)}");
            foreach (var line in Terminal.ErrorList.Lines([.. errors.Select(e => e.ToString())]))
            {
                AnsiConsole.WriteLine(line);
            }
        }

        return failed ? ExitCodes.BadInput : ExitCodes.Ok;
    }
}
