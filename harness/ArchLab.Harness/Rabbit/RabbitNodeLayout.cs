using System.Globalization;
using ArchLab.Harness.Processes;

namespace ArchLab.Harness.Rabbit;

/// <summary>
/// Everything a node of its own needs, under one folder: data (<c>mnesia</c>), configuration, an empty plugin list,
/// the home whose Erlang cookie <c>rabbitmqctl</c> shares, and the environment that points the start script at them
/// instead of <c>/etc/rabbitmq</c> and <c>/var/lib/rabbitmq</c>.
/// </summary>
internal sealed record RabbitNodeLayout(string Directory, string NodeName, int AmqpPort, int DistributionPort, int EpmdPort, IReadOnlyList<string> VirtualHosts)
{
    public static RabbitNodeLayout Create(string directory, string nodeName, int amqpPort, int distributionPort, int epmdPort, IReadOnlyList<string> virtualHosts)
    {
        var layout = new RabbitNodeLayout(Path.GetFullPath(directory), nodeName, amqpPort, distributionPort, epmdPort, virtualHosts);
        System.IO.Directory.CreateDirectory(layout.Home);
        System.IO.Directory.CreateDirectory(layout.Data);
        File.WriteAllText(layout.ConfigFile + ".conf", layout.ConfigText());
        File.WriteAllText(layout.DefinitionsFile, RabbitDefinitions.Json(virtualHosts));
        File.WriteAllText(layout.PluginsFile, "[].\n"); // no plugins: each costs start-up time, and the lab reads counters with rabbitmqctl
        return layout;
    }

    public string Home => Path.Combine(Directory, "home");

    public string Data => Path.Combine(Directory, "data");

    /// <summary>The configuration file without its <c>.conf</c>, as <c>RABBITMQ_CONFIG_FILE</c> takes it.</summary>
    public string ConfigFile => Path.Combine(Directory, "rabbitmq");

    public string PluginsFile => Path.Combine(Directory, "enabled_plugins");

    /// <summary>The virtual hosts and the user the node starts with (one host per arm).</summary>
    public string DefinitionsFile => Path.Combine(Directory, "definitions.json");

    private static string Port(int port) => port.ToString(CultureInfo.InvariantCulture);

    /// <summary>Loopback only, the definitions loaded at boot; the rest is the broker's defaults.</summary>
    public string ConfigText() =>
        $"listeners.tcp.1 = 127.0.0.1:{Port(AmqpPort)}\n" +
        $"load_definitions = {DefinitionsFile}\n" +
        "log.console = true\nlog.console.level = info\nlog.file = false\n";

    /// <summary>What <c>rabbitmq-server</c> and <c>rabbitmqctl</c> read instead of the system's files.</summary>
    public IReadOnlyDictionary<string, string> Environment() => new Dictionary<string, string>
    {
        ["HOME"] = Home,
        ["ERL_EPMD_PORT"] = Port(EpmdPort),
        ["RABBITMQ_NODENAME"] = NodeName,
        ["RABBITMQ_NODE_IP_ADDRESS"] = "127.0.0.1",
        ["RABBITMQ_NODE_PORT"] = Port(AmqpPort),
        ["RABBITMQ_DIST_PORT"] = Port(DistributionPort),
        ["RABBITMQ_MNESIA_BASE"] = Data,
        ["RABBITMQ_LOG_BASE"] = Data,
        ["RABBITMQ_CONFIG_FILE"] = ConfigFile,
        ["RABBITMQ_ADVANCED_CONFIG_FILE"] = Path.Combine(Directory, "advanced.config"),
        ["RABBITMQ_CONF_ENV_FILE"] = Path.Combine(Directory, "rabbitmq-env.conf"),
        ["RABBITMQ_ENABLED_PLUGINS_FILE"] = PluginsFile,
        ["RABBITMQ_PID_FILE"] = Path.Combine(Directory, "node.pid"),
        // Exec the VM in place of the script (see LocalRabbitNode); never start an epmd of Erlang's own.
        ["RUNNING_UNDER_SYSTEMD"] = "true",
        ["RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS"] = "-start_epmd false",
    };

    public ChildSpec EpmdSpec(RabbitInstall install, string logPath) =>
        new("epmd", install.Epmd, ["-port", Port(EpmdPort)], Path.ChangeExtension(logPath, ".epmd.log"));

    public ChildSpec NodeSpec(RabbitInstall install, string logPath) =>
        new("rabbitmq", install.Server, [], logPath) { Environment = Environment(), WorkingDirectory = Directory };

    public void Delete()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
