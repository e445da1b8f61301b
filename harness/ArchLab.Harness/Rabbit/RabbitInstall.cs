using System.Text.RegularExpressions;

namespace ArchLab.Harness.Rabbit;

/// <summary>
/// Where RabbitMQ is installed: the start script under its library folder (not <c>/usr/sbin/rabbitmq-server</c>,
/// which switches to the system's rabbitmq user and its log folder), <c>rabbitmqctl</c> beside it, and Erlang's
/// <c>epmd</c>. The version is read from the server's library folder name, which costs no Erlang VM start.
/// </summary>
public sealed partial record RabbitInstall(string Server, string Control, string Epmd, string? Version)
{
    public const string EnvironmentVariable = "ARCHLAB_RABBITMQ_SERVER";

    /// <summary>The commands that install RabbitMQ on a Debian or Ubuntu machine (<c>./archlab</c> runs them when a scenario needs it).</summary>
    public const string InstallHint = "apt-get update && apt-get install -y rabbitmq-server";

    private const string DebianServer = "/usr/lib/rabbitmq/bin/rabbitmq-server";

    /// <summary>
    /// The installation: <paramref name="explicitServer"/>, else <c>ARCHLAB_RABBITMQ_SERVER</c> (a <c>bin/rabbitmq-server</c>
    /// script), else Debian's; null where there is none.
    /// </summary>
    public static RabbitInstall? Find(string? explicitServer = null)
    {
        var configured = explicitServer ?? Environment.GetEnvironmentVariable(EnvironmentVariable);
        var server = string.IsNullOrWhiteSpace(configured) ? DebianServer : Path.GetFullPath(configured);
        var bin = Path.GetDirectoryName(server)!;
        var control = Path.Combine(bin, "rabbitmqctl");
        var epmd = FindEpmd();
        if (!File.Exists(server) || !File.Exists(control) || epmd is null)
        {
            return null;
        }

        return new RabbitInstall(server, control, epmd, VersionOf(bin));
    }

    /// <summary>Why RabbitMQ arms cannot run here, with what to do about it.</summary>
    public static string Missing =>
        $"rabbitmq-server is not installed: `./archlab` installs it when a scenario needs it (as root or with sudo), or run `{InstallHint}` " +
        $"(RabbitMQ 3.10 or later); {EnvironmentVariable} may name another installation's bin/rabbitmq-server";

    /// <summary>The version in the name of the server's library folder beside <paramref name="bin"/> (<c>lib/rabbitmq_server-3.10.8</c>).</summary>
    public static string? VersionOf(string bin)
    {
        var lib = Path.Combine(Path.GetDirectoryName(bin)!, "lib");
        if (!Directory.Exists(lib))
        {
            return null;
        }

        return Directory.EnumerateDirectories(lib, "rabbitmq_server-*")
            .Select(dir => VersionPattern().Match(Path.GetFileName(dir)))
            .Where(match => match.Success)
            .Select(match => match.Groups[1].Value)
            .Order(StringComparer.Ordinal)
            .LastOrDefault();
    }

    private static string? FindEpmd()
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        return path.Split(':', StringSplitOptions.RemoveEmptyEntries).Append("/usr/lib/erlang/bin")
            .Select(dir => Path.Combine(dir, "epmd"))
            .FirstOrDefault(File.Exists);
    }

    [GeneratedRegex(@"^rabbitmq_server-(\d+\.\d+\.\d+)$")]
    private static partial Regex VersionPattern();
}
