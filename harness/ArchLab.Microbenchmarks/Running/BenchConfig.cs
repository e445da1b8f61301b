using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Exporters.Csv;
using BenchmarkDotNet.Filters;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Perfolizer.Horology;

namespace ArchLab.Microbenchmarks.Running;

/// <summary>The one configuration every microbenchmark runs with.</summary>
public static class BenchConfig
{
    /// <summary>
    /// The job for a shared 2-core machine: explicit, small counts instead of BenchmarkDotNet's adaptive
    /// defaults, which can run a noisy benchmark for minutes. Run in-process: the default toolchain
    /// generates and builds a project per run (tens of seconds on two cores, and a restore), and the
    /// loopback servers live in the benchmark process either way.
    /// </summary>
    public static Job Normal { get; } = Job.Default
        .WithToolchain(InProcessEmitToolchain.Instance)
        .WithLaunchCount(1)
        .WithWarmupCount(3)
        .WithIterationCount(10)
        .WithIterationTime(TimeInterval.FromMilliseconds(250))
        .WithId("Normal");

    /// <summary>Just enough to see every benchmark run to the end and write its reports: seconds, not minutes.</summary>
    public static Job Quick { get; } = Job.Default
        .WithToolchain(InProcessEmitToolchain.Instance)
        .WithLaunchCount(1)
        .WithWarmupCount(1)
        .WithIterationCount(3)
        .WithIterationTime(TimeInterval.FromMilliseconds(20))
        .WithId("Quick");

    public static IConfig Create(BenchOptions options)
    {
        var config = ManualConfig.CreateEmpty()
            .AddJob(options.Quick ? Quick : Normal)
            .AddColumnProvider(DefaultColumnProviders.Instance)
            .AddDiagnoser(MemoryDiagnoser.Default)
            .AddExporter(MarkdownExporter.GitHub, CsvExporter.Default, HtmlExporter.Default)
            .AddLogger(ConsoleLogger.Default)
            // Summaries are not joined: each type's reports keep its name, without a timestamp
            // (results/<Namespace.Type>-report-github.md), so a caller knows where to look.
            .WithArtifactsPath(options.ArtifactsPath);
        if (options.Filters.Count > 0)
        {
            config = config.AddFilter(new GlobFilter([.. options.Filters]));
        }

        return config;
    }
}
