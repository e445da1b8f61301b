using System.Globalization;
using System.Text.RegularExpressions;

namespace ArchLab.Contracts.Hosting;

/// <summary>The line a host prints on standard output once it serves: <c>ARCHLAB-READY role=payment style=rest port=41234 pid=1234</c>.</summary>
public static partial class ReadyLine
{
    public const string Prefix = "ARCHLAB-READY";

    public static string Format(string role, string style, int port, int pid) =>
        string.Create(CultureInfo.InvariantCulture, $"{Prefix} role={role} style={style} port={port} pid={pid}");

    public static bool TryParsePort(string line, out int port)
    {
        port = 0;
        var match = PortPattern().Match(line);
        return line.StartsWith(Prefix, StringComparison.Ordinal) && match.Success &&
               int.TryParse(match.Groups[1].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out port);
    }

    [GeneratedRegex(@" port=(\d+)")]
    private static partial Regex PortPattern();
}
