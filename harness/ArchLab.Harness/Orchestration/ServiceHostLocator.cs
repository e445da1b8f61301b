namespace ArchLab.Harness.Orchestration;

/// <summary>
/// The service host to start roles with: a native executable (the wrapper publishes one with native AOT, so
/// a role starts in tens of milliseconds and a restart after a kill measures the style, not the JIT), or
/// the managed assembly next to the harness, run by <c>dotnet</c>.
/// </summary>
/// <param name="Path">The executable or the assembly.</param>
/// <param name="Native">True for a native executable.</param>
public sealed record ServiceHost(string Path, bool Native)
{
    /// <summary>The program to start and the arguments that come before the host's own.</summary>
    public (string FileName, IReadOnlyList<string> Prefix) Command =>
        Native ? (Path, []) : (ServiceHostLocator.Dotnet(), [Path]);

    public override string ToString() => Native ? $"{Path} (native)" : $"{Path} (run by dotnet)";
}

/// <summary>Finds the service host and the <c>dotnet</c> that runs a managed one.</summary>
public static class ServiceHostLocator
{
    public const string AssemblyName = "ArchLab.Services.Host.dll";

    public const string EnvironmentVariable = "ARCHLAB_SERVICE_HOST";

    /// <summary>The host: explicit, else <c>ARCHLAB_SERVICE_HOST</c>, else the assembly next to the harness.</summary>
    public static ServiceHost Find(string? explicitPath)
    {
        var fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariable);
        var path = explicitPath
            ?? (string.IsNullOrEmpty(fromEnvironment) ? null : fromEnvironment)
            ?? System.IO.Path.Combine(AppContext.BaseDirectory, AssemblyName);
        return File.Exists(path)
            ? new ServiceHost(System.IO.Path.GetFullPath(path), !path.EndsWith(".dll", StringComparison.Ordinal))
            : throw new FileNotFoundException($"service host not found at {path}; build the solution (./archlab builds it on first use)", path);
    }

    /// <summary>The dotnet muxer: the one running this process if it is dotnet, else DOTNET_HOST_PATH, else PATH.</summary>
    public static string Dotnet()
    {
        var current = Environment.ProcessPath;
        if (current is not null && Path.GetFileNameWithoutExtension(current) == "dotnet")
        {
            return current;
        }

        var hostPath = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(hostPath) && File.Exists(hostPath))
        {
            return hostPath;
        }

        var root = Environment.GetEnvironmentVariable("DOTNET_ROOT");
        if (!string.IsNullOrEmpty(root) && File.Exists(Path.Combine(root, "dotnet")))
        {
            return Path.Combine(root, "dotnet");
        }

        return (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, "dotnet"))
            .FirstOrDefault(File.Exists) ?? "dotnet";
    }
}
