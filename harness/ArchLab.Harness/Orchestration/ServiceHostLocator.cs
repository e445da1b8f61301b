namespace ArchLab.Harness.Orchestration;

/// <summary>Finds the service host and the <c>dotnet</c> that runs it.</summary>
public static class ServiceHostLocator
{
    public const string AssemblyName = "ArchLab.Services.Host.dll";

    /// <summary>The host assembly: explicit, else <c>ARCHLAB_SERVICE_HOST</c>, else next to the harness.</summary>
    public static string Find(string? explicitPath)
    {
        var path = explicitPath
            ?? Environment.GetEnvironmentVariable("ARCHLAB_SERVICE_HOST")
            ?? Path.Combine(AppContext.BaseDirectory, AssemblyName);
        return File.Exists(path)
            ? Path.GetFullPath(path)
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
