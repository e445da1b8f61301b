using ArchLab.Load.Engine;
using ArchLab.Load.Targets;

namespace ArchLab.Load.Bench;

/// <summary>The harness side of a client benchmark: its load engine driving a target with its closed model, as a run does.</summary>
internal static class ClosedLoad
{
    /// <summary>Accepted requests per second of <paramref name="users"/> closed-model users, after a 1 s warm-up, the caller log written as in a run.</summary>
    public static async Task<double> AcceptedPerSecAsync(ILoadTarget target, int users, TimeSpan duration, string prefix)
    {
        var directory = Directory.CreateTempSubdirectory($"archlab-bench-{prefix}-load-");
        try
        {
            var load = new LoadOptions
            {
                Model = LoadModel.Closed,
                Users = users,
                Warmup = TimeSpan.FromSeconds(1),
                Duration = duration,
                Timeout = TimeSpan.FromSeconds(5),
                OutputDirectory = directory.FullName,
                FilePrefix = prefix,
            };
            var report = await new LoadEngine(load, target).RunAsync(null, CancellationToken.None);
            if (report.Counts.Errors > 0)
            {
                Console.WriteLine($"  errors: {string.Join(", ", report.ErrorsByKind.Select(e => $"{e.Key}={e.Value}"))}");
            }

            return report.AcceptedPerSec;
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
