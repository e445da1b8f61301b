using System.Text.Json;
using ArchLab.Contracts.Hosting;
using ArchLab.Harness.Processes;

namespace ArchLab.Harness.Orchestration;

/// <summary>
/// One role of an arm across its incarnations: its options, the port it owns for the whole arm (a restarted
/// role comes back where its callers expect it), and the process running it now.
/// </summary>
internal sealed class RoleProcess(ServiceHost host, string configPath, string logPath, ServiceOptions options, TimeSpan readyTimeout)
{
    public string Role => Options.Role;

    public ServiceOptions Options { get; private set; } = options;

    /// <summary>The process of the current incarnation; null before the first start.</summary>
    public ChildProcess? Current { get; private set; }

    /// <summary>The port the role listens on (known after its first start).</summary>
    public int Port { get; private set; } = options.Port;

    public Uri Address => new($"http://127.0.0.1:{Port}");

    public async Task<ChildProcess> StartAsync(CancellationToken cancellationToken)
    {
        // After the first start the role keeps its port: a restarted role must be found where it was.
        Options = Options with { Port = Port };
        await File.WriteAllTextAsync(configPath, JsonSerializer.Serialize(Options, HostingJsonContext.Default.ServiceOptions), cancellationToken);
        var (program, prefix) = host.Command;
        var spec = new ChildSpec(
            Role,
            program,
            [.. prefix, "--config", configPath, "--role", Role, "--style", Options.Style],
            logPath,
            line => line.StartsWith(ReadyLine.Prefix, StringComparison.Ordinal))
        {
            ReadyTimeout = readyTimeout,
            Environment = new Dictionary<string, string> { ["DOTNET_gcServer"] = "0", ["DOTNET_TieredPGO"] = "0" },
        };
        var child = await ChildProcess.StartAsync(spec, cancellationToken);
        if (!ReadyLine.TryParsePort(child.ReadyLine, out var port))
        {
            await child.DisposeAsync();
            throw new ChildProcessException($"{Role} announced no port: '{child.ReadyLine}'");
        }

        Port = port;
        Current = child;
        return child;
    }
}
