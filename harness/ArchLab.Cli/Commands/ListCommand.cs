using ArchLab.Harness.Model.Scenarios.Loading;
using Spectre.Console;
using Spectre.Console.Cli;

namespace ArchLab.Cli.Commands;

/// <summary><c>archlab list</c>: the scenarios, their claim, and their profiles.</summary>
public sealed class ListCommand : Command<EmptyCommandSettings>
{
    public override int Execute(CommandContext context, EmptyCommandSettings settings, CancellationToken cancellationToken)
    {
        var table = new Table().Border(TableBorder.Rounded).AddColumns("scenario", "claim", "arms", "profiles");
        foreach (var file in Workspace.ScenarioFiles())
        {
            var name = Path.GetFileNameWithoutExtension(file);
            try
            {
                var scenario = ScenarioLoader.Load(file);
                table.AddRow(
                    Markup.Escape(name),
                    Markup.Escape(scenario.Claim.Trim()),
                    Markup.Escape(string.Join(", ", scenario.Arms.Select(a => a.Name))),
                    Markup.Escape(string.Join(", ", scenario.Profiles)));
            }
            catch (ScenarioException e)
            {
                table.AddRow(Markup.Escape(name), $"[red]invalid ({e.Errors.Count} errors): archlab validate {Markup.Escape(name)}[/]", "", "");
            }
        }

        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine($"[grey]from {Markup.Escape(Workspace.ScenariosDirectory)}; run one with: ./archlab run <scenario> --profile quick[/]");
        return ExitCodes.Ok;
    }
}
