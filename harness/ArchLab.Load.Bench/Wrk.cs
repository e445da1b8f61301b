using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace ArchLab.Load.Bench;

/// <summary>Runs wrk against a URL and reads its Requests/sec line.</summary>
internal static partial class Wrk
{
    public static async Task<double> RequestsPerSecondAsync(Uri url, int connections, TimeSpan duration)
    {
        var start = new ProcessStartInfo("wrk")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // Two threads: one per core, as wrk is usually run; never more threads than connections.
        foreach (var argument in new[]
                 {
                     $"-t{Math.Min(2, connections)}", $"-c{connections}",
                     $"-d{(int)Math.Ceiling(duration.TotalSeconds)}s", "--latency", new Uri(url, "/noop").ToString(),
                 })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("wrk did not start.");
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        var match = RequestsPerSecond().Match(output);
        if (process.ExitCode != 0 || !match.Success)
        {
            throw new InvalidOperationException($"wrk failed ({process.ExitCode}): {output}{await process.StandardError.ReadToEndAsync()}");
        }

        return double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"Requests/sec:\s+([0-9.]+)")]
    private static partial Regex RequestsPerSecond();
}
