using ArchLab.Harness.Broker;
using ArchLab.Harness.Model.Scenarios.Loading;
using ArchLab.Harness.Orchestration;
using ArchLab.Harness.Processes;
using Spectre.Console;
using Spectre.Console.Cli;

namespace ArchLab.Cli;

/// <summary>Turns what went wrong into a message a user can act on, and the matching exit code.</summary>
public static class Failures
{
    /// <summary>The command line as given, for hints on what it got wrong.</summary>
    public static IReadOnlyList<string> Arguments { get; set; } = [];

    public static int Handle(Exception exception, ITypeResolver? resolver)
    {
        ChildRegistry.KillAll();
        var console = AnsiConsole.Console;
        switch (exception)
        {
            case ScenarioException scenario:
                console.MarkupLine("[red]the scenario is not valid:[/]");
                foreach (var line in Terminal.ErrorList.Lines([.. scenario.Errors.Select(e => e.ToString())]))
                {
                    console.WriteLine(line);
                }

                return ExitCodes.BadInput;
            case CommandParseException or CommandRuntimeException or UsageException
                when (Terminal.OptionHints.ConversionMessage(exception.Message, Arguments) ?? Terminal.OptionHints.StrayMessage(exception.Message)) is { } conversion:
                console.MarkupLine($"[red]{Markup.Escape(conversion)}[/] (see {Markup.Escape(HelpFor(Arguments))})");
                return ExitCodes.BadInput;
            case CommandParseException or CommandRuntimeException or UsageException:
                var hint = Terminal.OptionHints.For(exception.Message, Arguments);
                console.MarkupLine($"[red]{Markup.Escape(exception.Message)}[/]{Markup.Escape(hint)} (see {Markup.Escape(HelpFor(Arguments))})");
                return ExitCodes.BadInput;
            case FileNotFoundException or InvalidDataException or BrokerUnavailableException or Harness.Agents.AgentsUnavailableException or NotSupportedException or Harness.Model.InputException:
                console.MarkupLine($"[red]{Markup.Escape(exception.Message)}[/]");
                return ExitCodes.BadInput;
            case RunInterruptedException run:
                console.MarkupLine($"[yellow]interrupted: every child process was stopped; what was measured is kept in {Markup.Escape(run.Folder)}[/]");
                return ExitCodes.Interrupted;
            case OperationCanceledException:
                console.MarkupLine("[yellow]interrupted: every child process was stopped[/]");
                return ExitCodes.Interrupted;
            case ChildProcessException child:
                console.MarkupLine($"[red]a process of the run failed:[/] {Markup.Escape(child.Message)}");
                return ExitCodes.RunFailed;
            default:
                console.MarkupLine($"[red]the run failed:[/] {Markup.Escape(exception.GetType().Name)}: {Markup.Escape(exception.Message)}");
                console.MarkupLine("[grey]this is a defect of archlab; the logs of the run folder say more[/]");
                return ExitCodes.RunFailed;
        }
    }

    private static string HelpFor(IReadOnlyList<string> arguments) =>
        arguments.Count > 0 && Terminal.OptionHints.IsCommand(arguments[0]) ? $"archlab {arguments[0]} --help" : "archlab --help";
}
