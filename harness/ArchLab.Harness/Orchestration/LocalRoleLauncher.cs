using System.Text.Json;
using ArchLab.Contracts.Hosting;
using ArchLab.Harness.Processes;

namespace ArchLab.Harness.Orchestration;

/// <summary>A role as a child process of this machine's service host: its options file written, its ready line awaited.</summary>
internal sealed class LocalRoleLauncher(ServiceHost host, string configPath, string logPath, TimeSpan readyTimeout) : IRoleLauncher
{
    public string? Agent => null;

    public async Task<LaunchedRole> LaunchAsync(ServiceOptions options, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(configPath))!);
        await File.WriteAllTextAsync(configPath, JsonSerializer.Serialize(options, HostingJsonContext.Default.ServiceOptions), cancellationToken);
        var (program, prefix) = host.Command;
        var spec = new ChildSpec(
            options.Role,
            program,
            [.. prefix, "--config", configPath, "--role", options.Role, "--style", options.Style],
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
            throw new ChildProcessException($"{options.Role} announced no port: '{child.ReadyLine}'");
        }

        return new LaunchedRole(child, options.Host, port);
    }
}
