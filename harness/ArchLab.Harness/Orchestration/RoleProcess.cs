using ArchLab.Contracts.Hosting;
using ArchLab.Harness.Processes;

namespace ArchLab.Harness.Orchestration;

/// <summary>
/// One role of an arm across its incarnations: its options, the port it owns for the whole arm (a restarted
/// role comes back where its callers expect it), where it runs, and the process running it now.
/// </summary>
internal sealed class RoleProcess(IRoleLauncher launcher, ServiceOptions options)
{
    public string Role => Options.Role;

    public ServiceOptions Options { get; private set; } = options;

    /// <summary>The process of the current incarnation; null before the first start.</summary>
    public IRunningProcess? Current { get; private set; }

    /// <summary>The port the role listens on (known after its first start).</summary>
    public int Port { get; private set; } = options.Port;

    /// <summary>The address its callers reach it at: loopback, or the host of the agent that runs it.</summary>
    public string Host { get; private set; } = options.Host;

    /// <summary>The load agent that runs it, or null on this machine.</summary>
    public string? Agent => launcher.Agent;

    public Uri Address => new UriBuilder(Uri.UriSchemeHttp, Host, Port).Uri;

    public async Task<IRunningProcess> StartAsync(CancellationToken cancellationToken)
    {
        // After the first start the role keeps its port: a restarted role must be found where it was.
        Options = Options with { Port = Port };
        var launched = await launcher.LaunchAsync(Options, cancellationToken);
        Port = launched.Port;
        Host = launched.Host;
        Current = launched.Process;
        return launched.Process;
    }
}

/// <summary>Starts one incarnation of a role: on this machine, or through a load agent on its host.</summary>
internal interface IRoleLauncher
{
    /// <summary>The load agent that starts it, or null on this machine.</summary>
    string? Agent { get; }

    /// <summary>Starts the role with <paramref name="options"/> and returns it ready, with the address it listens on.</summary>
    Task<LaunchedRole> LaunchAsync(ServiceOptions options, CancellationToken cancellationToken);
}

internal sealed record LaunchedRole(IRunningProcess Process, string Host, int Port);
