using System.Diagnostics;
using System.Globalization;
using ArchLab.Harness.Links;
using ArchLab.Harness.Faults;
using ArchLab.Harness.Model.Scenarios.Loading;
using ArchLab.Harness.Orchestration;
using ArchLab.Harness.Samplers;

namespace ArchLab.Load.Bench;

/// <summary>
/// How close to their requested bounds fault windows really happen. Real role processes are paused and
/// killed by the harness's own fault timeline while a watcher reads /proc every 200 us and notes when
/// each process was seen stopped, running again, gone, and started anew; the differences from the
/// requested times are the figures (target: within 20 ms).
/// </summary>
internal static class FaultTimingBenchmark
{
    private const int Rounds = 5;
    private static readonly TimeSpan Target = TimeSpan.FromMilliseconds(20);

    public static async Task<int> RunAsync()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"archlab-fault-timing-{Environment.ProcessId}");
        var faults = string.Join("\n", Enumerable.Range(0, Rounds).SelectMany(i => new[]
        {
            $"  - {{ at: {1000 + (i * 3000)}ms, for: 400ms, pause: payment }}",
            $"  - {{ at: {2000 + (i * 3000)}ms, for: 600ms, kill: payment }}",
        }));
        var scenario = ScenarioLoader.Parse($$"""
            name: timing
            title: t
            claim: c
            watch: w
            arms:
              rest: { style: rest }
            load: { duration: {{Rounds * 3 + 1}}s }
            faults:
            {{faults}}
            """, "timing.yaml");
        var run = RunFolder.Create(new RunOptions { OutputDirectory = folder }, "timing", DateTimeOffset.UtcNow);
        await using var resources = new ResourceSampler();
        await using var services = await ArmServices.StartAsync(scenario, scenario.Arms[0], run, null, new RunOptions(), resources, DirectLinks.Instance, CancellationToken.None);
        using var control = new HttpClient();

        var measureStart = Stopwatch.GetTimestamp() + Stopwatch.Frequency / 2;
        using var watcher = new ProcessWatcher(() => services.ProcessOf("payment").Pid);
        var records = await FaultTimeline.RunAsync(ArmFaults.Schedule(scenario, scenario.Arms[0], services, null, resources, 1, control, null), measureStart, CancellationToken.None);
        watcher.Stop();

        var deltas = new List<(string What, double Ms)>();
        foreach (var record in records)
        {
            var spec = scenario.Faults[records.ToList().IndexOf(record)];
            var start = measureStart + Ticks(spec.At);
            var end = start + Ticks(spec.For!.Value);
            var (seenStart, seenEnd) = spec.Kind == "pause" ? watcher.Stopped(start) : watcher.Replaced(start);
            deltas.Add(($"{spec.Kind} start at {Durations(spec.At)}", Ms(seenStart - start)));
            deltas.Add(($"{spec.Kind} end at {Durations(spec.At + spec.For!.Value)}", Ms(seenEnd - end)));
        }

        foreach (var (what, ms) in deltas)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{what,-24} observed {ms,7:+0.000;-0.000} ms from requested"));
        }

        var worst = deltas.Max(d => Math.Abs(d.Ms));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"worst {worst:0.000} ms over {deltas.Count} bounds (target within {Target.TotalMilliseconds:0} ms: {(worst <= Target.TotalMilliseconds ? "met" : "missed")})"));
        Directory.Delete(folder, recursive: true);
        return 0;
    }

    private static long Ticks(TimeSpan span) => (long)(span.TotalSeconds * Stopwatch.Frequency);

    private static double Ms(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;

    private static string Durations(TimeSpan span) => string.Create(CultureInfo.InvariantCulture, $"{span.TotalSeconds:0.0}s");
}
