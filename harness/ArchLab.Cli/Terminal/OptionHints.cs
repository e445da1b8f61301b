using System.Reflection;
using Spectre.Console.Cli;

namespace ArchLab.Cli.Terminal;

/// <summary>"Did you mean": the subcommand's own option nearest to one it does not know.</summary>
public static class OptionHints
{
    /// <summary>
    /// For <c>Unknown option 'rat'</c> under <c>run</c>, " (did you mean --rate?)"; empty when no option of the
    /// subcommand is within two edits or starts with the same letters.
    /// </summary>
    public static string For(string message, IReadOnlyList<string> arguments)
    {
        const string Prefix = "Unknown option '";
        if (!message.StartsWith(Prefix, StringComparison.Ordinal) || arguments.Count == 0)
        {
            return "";
        }

        var unknown = message[Prefix.Length..].TrimEnd('.').TrimEnd('\'');
        var best = OptionsOf(arguments[0])
            .Select(o => (Option: o, Distance: Distance(unknown, o)))
            .Where(c => c.Distance <= 2 || (unknown.Length >= 3 && c.Option.StartsWith(unknown, StringComparison.Ordinal)))
            .OrderBy(c => c.Distance)
            .FirstOrDefault();
        return best.Option is null ? "" : $" (did you mean --{best.Option}?)";
    }

    /// <summary>Whether <paramref name="command"/> names a subcommand (<c>run</c> for RunCommand).</summary>
    public static bool IsCommand(string command) => CommandType(command) is not null;

    /// <summary>The long option names of the subcommand named <paramref name="command"/>.</summary>
    public static IReadOnlyList<string> OptionsOf(string command)
    {
        var type = CommandType(command);
        var settings = type?.BaseType is { IsGenericType: true } generic ? generic.GetGenericArguments()[0] : null;
        return settings is null ? [] : [.. settings.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Select(p => p.GetCustomAttribute<CommandOptionAttribute>())
            .OfType<CommandOptionAttribute>()
            .SelectMany(a => a.LongNames)];
    }

    private static Type? CommandType(string command) => typeof(OptionHints).Assembly.GetTypes().FirstOrDefault(t =>
        string.Equals(t.Name, command + "Command", StringComparison.OrdinalIgnoreCase) && typeof(ICommand).IsAssignableFrom(t));

    private static int Distance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }

            previous = current;
        }

        return previous[b.Length];
    }
}
