using System.Diagnostics;
using System.Text.RegularExpressions;

namespace ArchLab.Harness.Broker;

/// <summary>Finds the nats-server binary and asks it for its version.</summary>
public static partial class NatsServerLocator
{
    public const string EnvironmentVariable = "ARCHLAB_NATS_SERVER";

    /// <summary>The commands that install nats-server on a Debian or Ubuntu machine.</summary>
    public const string InstallHint = "apt-get update && apt-get install -y nats-server";

    /// <summary>The binary: <paramref name="explicitPath"/>, else <c>ARCHLAB_NATS_SERVER</c>, else <c>nats-server</c> on PATH; null if none.</summary>
    public static string? Find(string? explicitPath = null)
    {
        foreach (var candidate in new[] { explicitPath, Environment.GetEnvironmentVariable(EnvironmentVariable) })
        {
            if (!string.IsNullOrWhiteSpace(candidate))
            {
                return File.Exists(candidate) ? Path.GetFullPath(candidate) : null;
            }
        }

        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        return path.Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, "nats-server"))
            .FirstOrDefault(File.Exists);
    }

    /// <summary>Runs <c>nats-server --version</c>; returns e.g. <c>2.9.10</c>, or null when it does not answer.</summary>
    public static async Task<string?> VersionAsync(string binary, CancellationToken cancellationToken = default)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(binary, "--version")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            });
            if (process is null)
            {
                return null;
            }

            var output = await process.StandardOutput.ReadToEndAsync(cancellationToken) + await process.StandardError.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken).WaitAsync(TimeSpan.FromSeconds(10), cancellationToken);
            return ParseVersion(output);
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or TimeoutException or IOException)
        {
            return null;
        }
    }

    /// <summary>Extracts <c>2.9.10</c> from <c>nats-server: v2.9.10</c>.</summary>
    public static string? ParseVersion(string output)
    {
        var match = VersionPattern().Match(output);
        return match.Success ? match.Groups[1].Value : null;
    }

    [GeneratedRegex(@"v?(\d+\.\d+\.\d+(?:[-+][0-9A-Za-z.-]+)?)")]
    private static partial Regex VersionPattern();
}
