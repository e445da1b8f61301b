using Spectre.Console;

namespace ArchLab.Cli.Terminal;

/// <summary>Spectre consoles for standard output and standard error.</summary>
public static class Consoles
{
    public static IAnsiConsole Error { get; } = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
}
