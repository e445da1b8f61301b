using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace ArchLab.Microbenchmarks.Running;

/// <summary>Runs the benchmarks and turns BenchmarkDotNet's summaries into an exit code.</summary>
public static class BenchRunner
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int BadUsage = 2;

    public static int Run(BenchOptions options, Type[] benchmarks)
    {
        var summaries = BenchmarkRunner.Run(benchmarks, BenchConfig.Create(options));
        var cases = summaries.Sum(s => s.BenchmarksCases.Length);
        if (cases == 0)
        {
            // A filter that matches nothing is a typo, not a pass.
            Console.Error.WriteLine($"no benchmark matches {string.Join(", ", options.Filters)}");
            return BadUsage;
        }

        var failures = summaries.SelectMany(Failures).ToList();
        foreach (var failure in failures)
        {
            Console.Error.WriteLine($"FAILED {failure}");
        }

        Console.WriteLine($"reports: {Path.Combine(options.ArtifactsPath, "results")}");
        return failures.Count == 0 ? Ok : Failed;
    }

    /// <summary>
    /// A benchmark failed when it did not run (a validation error), threw (in its setup or body) or has no
    /// measurement: BenchmarkDotNet prints those and carries on, so they are counted here.
    /// </summary>
    private static IEnumerable<string> Failures(Summary summary)
    {
        foreach (var error in summary.ValidationErrors.Where(e => e.IsCritical))
        {
            yield return $"{error.BenchmarkCase?.DisplayInfo ?? summary.Title}: {error.Message}";
        }

        foreach (var benchmark in summary.BenchmarksCases)
        {
            var report = summary[benchmark];
            if (report is null || !report.Success || report.ResultStatistics is null)
            {
                yield return $"{benchmark.DisplayInfo}: no result";
            }
        }
    }
}
