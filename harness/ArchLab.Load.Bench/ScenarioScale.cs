using System.Diagnostics;
using System.Globalization;
using ArchLab.Harness.Model.Scenarios.Loading;
using ArchLab.Simulation;

namespace ArchLab.Load.Bench;

/// <summary>Every scenario file (or one) simulated with its quick profile at <c>scale</c> times its rate and workers: each must take under 10 s.</summary>
internal static class ScenarioScale
{
    public static bool Run(string scenario, double scale)
    {
        var folder = FindScenarios();
        var files = scenario == "all"
            ? Directory.GetFiles(folder, "*.yaml").Order(StringComparer.Ordinal).ToList()
            : [Path.Combine(folder, scenario + ".yaml")];
        var met = true;
        foreach (var file in files)
        {
            var loaded = ScenarioLoader.Load(file, new ScenarioOverrides(Profile: "quick"));
            if (loaded.Arms.Any(a => a.Transport is not null))
            {
                // Transport arms measure a real transport's floor: there is nothing to simulate.
                Console.WriteLine($"scale, {loaded.Name}: transport arms, not simulated");
                continue;
            }

            var clock = Stopwatch.StartNew();
            var run = ScenarioSimulator.Run(loaded, new SimulationOptions { Scale = scale });
            var seconds = clock.Elapsed.TotalSeconds;
            var offered = run.Results.Arms.Sum(a => a.Counts.Offered);
            var ok = seconds < 10;
            met &= ok;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"scale, {loaded.Name} quick at {scale:0}x ({loaded.Load.Rate.PerSec * scale:0}/s, {run.Results.Arms.Count} arms, {offered:N0} orders, {run.Events:N0} events): {seconds:0.00} s; target < 10 s: {(ok ? "met" : "MISSED")}"));
        }

        return met;
    }

    private static string FindScenarios()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "scenarios");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("no scenarios/ folder above " + AppContext.BaseDirectory);
    }
}
