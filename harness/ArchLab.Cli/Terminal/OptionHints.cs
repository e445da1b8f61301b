using System.Reflection;
using System.Text.RegularExpressions;
using Spectre.Console.Cli;

namespace ArchLab.Cli.Terminal;

/// <summary>
/// What a user needs from a refused command line: the subcommand's own option nearest to one it does not know
/// ("did you mean"), and for a value of the wrong type, the option and the form it expects instead of the .NET type.
/// </summary>
public static partial class OptionHints
{
    /// <summary>
    /// For <c>Failed to convert 'abc' to Nullable`1.</c> after <c>run x --seed abc</c>:
    /// <c>--seed expects a whole number, got 'abc'</c>; null when the message is not a conversion failure.
    /// </summary>
    public static string? ConversionMessage(string message, IReadOnlyList<string> arguments)
    {
        var match = ConversionFailure().Match(message);
        if (!match.Success || arguments.Count == 0)
        {
            return null;
        }

        var value = match.Groups["value"].Value;
        var option = OptionGiven(value, arguments);
        var property = option is null ? null : Options(arguments[0]).FirstOrDefault(o => o.Attribute.LongNames.Contains(option)).Property;
        var expected = Expected(property?.PropertyType);
        return option is null ? $"expected {expected}, got '{value}'" : $"--{option} expects {expected}, got '{value}'";
    }

    /// <summary>For <c>Could not match 'extra' with an argument.</c>: <c>unexpected argument 'extra'</c>; null for other messages.</summary>
    public static string? StrayMessage(string message)
    {
        var match = StrayArgument().Match(message);
        return match.Success ? $"unexpected argument '{match.Groups["value"].Value}': the command takes no more (an option needs its --name)" : null;
    }

    /// <summary>The long name of the option that was given <paramref name="value"/>: <c>--seed abc</c> or <c>--seed=abc</c>.</summary>
    private static string? OptionGiven(string value, IReadOnlyList<string> arguments)
    {
        for (var i = arguments.Count - 1; i >= 1; i--)
        {
            var token = arguments[i];
            if (token.StartsWith("--", StringComparison.Ordinal) && token.EndsWith("=" + value, StringComparison.Ordinal))
            {
                return token[2..token.IndexOf('=', StringComparison.Ordinal)];
            }

            if (token == value && arguments[i - 1].StartsWith("--", StringComparison.Ordinal))
            {
                return arguments[i - 1][2..];
            }
        }

        return null;
    }

    private static string Expected(Type? type) => (Nullable.GetUnderlyingType(type ?? typeof(string)) ?? type) switch
    {
        { } t when t == typeof(int) || t == typeof(long) => "a whole number",
        { } t when t == typeof(double) || t == typeof(decimal) => "a number such as 100 or 0.5",
        { } t when t == typeof(bool) => "true or false",
        _ => "a value of another form (see --help)",
    };

    [GeneratedRegex(@"^Could not match '(?<value>.*)' with an argument\.$", RegexOptions.Singleline)]
    private static partial Regex StrayArgument();

    [GeneratedRegex(@"^Failed to convert '(?<value>.*)' to [^ ]+\.$", RegexOptions.Singleline)]
    private static partial Regex ConversionFailure();

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
    public static IReadOnlyList<string> OptionsOf(string command) => [.. Options(command).SelectMany(o => o.Attribute.LongNames)];

    /// <summary>The settings properties of the subcommand named <paramref name="command"/> that are options, with their attribute.</summary>
    private static IEnumerable<(PropertyInfo Property, CommandOptionAttribute Attribute)> Options(string command) =>
        (SettingsOf(command)?.GetProperties(BindingFlags.Public | BindingFlags.Instance) ?? [])
            .Select(p => (Property: p, Attribute: p.GetCustomAttribute<CommandOptionAttribute>()))
            .Where(o => o.Attribute is not null)
            .Select(o => (o.Property, o.Attribute!));

    private static Type? SettingsOf(string command) =>
        CommandType(command)?.BaseType is { IsGenericType: true } generic ? generic.GetGenericArguments()[0] : null;

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
